//! One agency's action plan: its own actions only, with the minimum needed
//! to act on each. Need to know is decided by what this file selects.

use chrono::{DateTime, NaiveDate, Utc};
use roundtable_pdf::{Block, Column, Document};
use uuid::Uuid;

use super::{
    action_status, actions_table, approval_line, base, due, latest_update, long_date, subjects_of,
};
use crate::domain::action::Action;
use crate::error::{CoreError, CoreResult};
use crate::features::{actions, agencies, approval, meetings, panels};
use crate::store::sql::Db;

/// The agencies that get an action plan from this meeting: those with an
/// action agreed at it or an earlier action it reviewed.
pub fn plan_agencies(conn: &dyn Db, meeting_id: Uuid, today: NaiveDate) -> CoreResult<Vec<Uuid>> {
    let mut ids: Vec<Uuid> = actions::agreed_at(conn, meeting_id, today)?
        .into_iter()
        .chain(actions::reviewed_at(conn, meeting_id, today)?)
        .map(|a| a.agency_id)
        .collect();
    let names = agencies::list(conn)?;
    ids.sort_by_key(|id| {
        names
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.name.to_lowercase())
            .unwrap_or_default()
    });
    ids.dedup();
    Ok(ids)
}

/// One agency's action plan: its own actions only, with the minimum needed
/// to act on each, and where its earlier actions stand.
pub fn action_plan(
    conn: &dyn Db,
    meeting_id: Uuid,
    agency_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Document> {
    let today = now.date_naive();
    let meeting = meetings::get(conn, meeting_id)?;
    let panel = panels::get(conn, meeting.panel_id)?;
    let agency = agencies::get(conn, agency_id)?;
    let status = approval::status(conn, meeting_id)?;
    let mut doc = base(
        &meeting,
        &panel.protective_marking,
        format!("Action plan: {}", agency.name),
        status.approved_by.is_none(),
        now,
    );
    // Marked for its recipient on every page, whoever it is later sent on to.
    doc.footer = format!("Prepared for {}, {}", agency.name, now.format("%-d %B %Y"));
    let agreed = actions::agreed_at_for(conn, meeting_id, Some(agency_id), None, today)?;
    let earlier = actions::reviewed_at_by(conn, meeting_id, Some(agency_id), today)?;
    let b = &mut doc.blocks;
    b.push(Block::heading(
        1,
        format!("For {} ({})", agency.name, agency.short_code),
    ));
    b.push(Block::text(format!(
        "These are the actions the {} agreed for your agency at its meeting on {}. Please complete each by its due date and report progress to the panel's coordinator before the next meeting.",
        meeting.panel_name,
        long_date(&meeting.date)
    )));
    b.push(Block::heading(2, "Handling"));
    b.push(Block::text(format!(
        "{}. This plan holds only what your agency needs to act. Share it only with the people in your agency who must act on it; keep it in your agency's secure case record; do not forward or copy it elsewhere. {}",
        panel.protective_marking.to_uppercase(),
        approval_line(&status)
    )));

    b.push(Block::heading(1, "Actions agreed at this meeting"));
    let rows = case_rows(conn, &agreed, false)?;
    if rows.is_empty() {
        b.push(Block::text(
            "No actions on cases were agreed for your agency at this meeting.",
        ));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Case and name", 0.2),
                Column::new("Date of birth", 0.14),
                Column::new("Action", 0.36),
                Column::new("Due", 0.13),
                Column::new("Lead professional", 0.17),
            ],
            rows,
        });
    }
    let whole_panel: Vec<&Action> = agreed.iter().filter(|a| a.case_id.is_none()).collect();
    if !whole_panel.is_empty() {
        b.push(Block::heading(2, "For the panel as a whole"));
        b.push(actions_table(&whole_panel, false));
    }
    earlier_actions(conn, &earlier, b)?;
    Ok(doc)
}

/// The plan's last section: the agency's actions from earlier meetings
/// still open, with their latest update.
fn earlier_actions(conn: &dyn Db, earlier: &[Action], b: &mut Vec<Block>) -> CoreResult<()> {
    b.push(Block::heading(1, "Your actions from earlier meetings"));
    let rows = case_rows(conn, earlier, true)?;
    if rows.is_empty() {
        b.push(Block::text("None were open."));
    } else {
        b.push(Block::Table {
            columns: vec![
                Column::new("Case and name", 0.2),
                Column::new("Action", 0.3),
                Column::new("Agreed", 0.12),
                Column::new("Due", 0.12),
                Column::new("Status", 0.12),
                Column::new("Latest update", 0.14),
            ],
            rows,
        });
    }
    Ok(())
}

/// One row per action on a case: with its date of birth and lead
/// professional when agreed now; with where it stands when from earlier.
fn case_rows(conn: &dyn Db, list: &[Action], earlier: bool) -> CoreResult<Vec<Vec<String>>> {
    let mut cases: Vec<Uuid> = list.iter().filter_map(|a| a.case_id).collect();
    cases.sort_unstable();
    cases.dedup();
    let subjects = subjects_of(conn, &cases)?;
    list.iter()
        .filter_map(|a| Some((a, a.case_id?)))
        .map(|(a, case)| {
            let s = subjects
                .get(&case)
                .ok_or(CoreError::NotFound("That case"))?;
            let mut action = a.text.clone();
            if let Some(o) = &a.officer {
                action.push_str(&format!(" (officer: {o})"));
            }
            Ok(if earlier {
                vec![
                    format!("{}\n{}", s.reference, s.name),
                    action,
                    long_date(&a.meeting_date),
                    due(a),
                    action_status(a.status).to_string(),
                    latest_update(a),
                ]
            } else {
                vec![
                    format!("{}\n{}", s.reference, s.name),
                    s.date_of_birth
                        .as_deref()
                        .map(long_date)
                        .unwrap_or_else(|| "Not known".into()),
                    action,
                    due(a),
                    s.lead_professional
                        .clone()
                        .unwrap_or_else(|| "Not named".into()),
                ]
            })
        })
        .collect()
}
