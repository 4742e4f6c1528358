//! Building and arranging a meeting's agenda: the order panels use
//! (introductions and confidentiality; review of open actions; new cases,
//! those with children in the household first; review cases due; cases
//! reaching the repeat window since their last hearing, for notice; any other
//! business), planned minutes, and moving items. Runs on either engine; the
//! SQL is in [`crate::tables::agenda`].

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::meeting::{AgendaItemKind, MeetingKind};
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::parse_id;
use crate::store::sql::Db;
use crate::tables::agenda as table;

/// A case that could go on an agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaCandidate {
    pub case_id: String,
    pub children_count: u32,
    pub referral_date: String,
}

/// One item as planned, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedItem {
    pub kind: AgendaItemKind,
    pub case_id: Option<String>,
    pub title: String,
    pub planned_minutes: u32,
}

fn fixed(kind: AgendaItemKind, title: &str, minutes: u32) -> PlannedItem {
    PlannedItem {
        kind,
        case_id: None,
        title: title.into(),
        planned_minutes: minutes,
    }
}

fn case_item(kind: AgendaItemKind, case: &AgendaCandidate, minutes: u32) -> PlannedItem {
    let title = match kind {
        AgendaItemKind::NewCase => "New case",
        AgendaItemKind::ReviewCase => "Review case",
        _ => "Case for notice",
    };
    PlannedItem {
        kind,
        case_id: Some(case.case_id.clone()),
        title: title.into(),
        planned_minutes: minutes,
    }
}

/// New cases with children in the household come first (so children's
/// agencies can leave), then the rest; each group oldest referral first.
pub fn order_new_cases(cases: &mut [AgendaCandidate]) {
    cases.sort_by(|a, b| {
        (b.children_count > 0)
            .cmp(&(a.children_count > 0))
            .then_with(|| a.referral_date.cmp(&b.referral_date))
            .then_with(|| a.case_id.cmp(&b.case_id))
    });
}

/// The agenda of a scheduled meeting.
pub fn plan_scheduled(
    minutes_per_case: u32,
    mut new_cases: Vec<AgendaCandidate>,
    review_cases: Vec<AgendaCandidate>,
    notices: Vec<AgendaCandidate>,
) -> Vec<PlannedItem> {
    order_new_cases(&mut new_cases);
    let mut items = vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions, attendance and confidentiality statement",
            5,
        ),
        fixed(
            AgendaItemKind::ActionReview,
            "Review of open actions from earlier meetings",
            10,
        ),
    ];
    items.extend(
        new_cases
            .iter()
            .map(|c| case_item(AgendaItemKind::NewCase, c, minutes_per_case)),
    );
    items.extend(
        review_cases
            .iter()
            .map(|c| case_item(AgendaItemKind::ReviewCase, c, minutes_per_case)),
    );
    // Notified, not discussed: no time planned.
    items.extend(
        notices
            .iter()
            .map(|c| case_item(AgendaItemKind::AnniversaryNotice, c, 0)),
    );
    items.push(fixed(
        AgendaItemKind::OtherBusiness,
        "Any other business",
        5,
    ));
    items
}

/// An emergency panel for one case whose risk is imminent.
pub fn plan_emergency(case: &AgendaCandidate, review: bool, minutes: u32) -> Vec<PlannedItem> {
    let kind = if review {
        AgendaItemKind::ReviewCase
    } else {
        AgendaItemKind::NewCase
    };
    vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions, attendance and confidentiality statement",
            5,
        ),
        case_item(kind, case, minutes),
        fixed(AgendaItemKind::OtherBusiness, "Any other business", 5),
    ]
}

pub fn plan_triage() -> Vec<PlannedItem> {
    vec![
        fixed(
            AgendaItemKind::Introductions,
            "Introductions and confidentiality statement",
            5,
        ),
        fixed(
            AgendaItemKind::Triage,
            "New referrals: accept, redirect or defer",
            40,
        ),
        fixed(AgendaItemKind::OtherBusiness, "Any other business", 5),
    ]
}

fn candidates(rows: Vec<table::Candidate>) -> Vec<AgendaCandidate> {
    rows.into_iter()
        .map(|(case_id, children_count, referral_date)| AgendaCandidate {
            case_id,
            children_count,
            referral_date,
        })
        .collect()
}

/// Cases accepted onto the panel's next agenda and not yet placed.
pub(crate) fn accepted_cases(
    db: &dyn Db,
    panel_id: &str,
    today: &str,
) -> CoreResult<Vec<AgendaCandidate>> {
    Ok(candidates(table::accepted_cases(db, panel_id, today)?))
}

/// Cases heard before `date` whose review falls due by then.
pub(crate) fn review_cases(
    db: &dyn Db,
    panel_id: &str,
    date: &str,
    today: &str,
) -> CoreResult<Vec<AgendaCandidate>> {
    Ok(candidates(table::review_cases(db, panel_id, date, today)?))
}

/// Cases whose last hearing reached the repeat window in the six weeks up to
/// `date`: agencies are told that a new referral would now count as new.
pub(crate) fn notice_cases(
    db: &dyn Db,
    panel_id: &str,
    date: &str,
    window_months: u32,
) -> CoreResult<Vec<AgendaCandidate>> {
    let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
        return Ok(Vec::new());
    };
    let until = date
        .checked_sub_months(chrono::Months::new(window_months))
        .unwrap_or(date);
    let after = until - chrono::Duration::days(42);
    let (after, until) = (
        crate::store::codec::ymd(after),
        crate::store::codec::ymd(until),
    );
    Ok(candidates(table::last_heard_between(
        db, panel_id, &after, &until,
    )?))
}

/// Stores planned items for a meeting, in order.
pub(crate) fn store_items(db: &dyn Db, meeting_id: &str, items: &[PlannedItem]) -> CoreResult<()> {
    let rows: Vec<(&str, Option<&str>, &str, u32)> = items
        .iter()
        .map(|item| {
            (
                item.kind.as_str(),
                item.case_id.as_deref(),
                item.title.as_str(),
                item.planned_minutes,
            )
        })
        .collect();
    table::insert_items(db, meeting_id, &rows)
}

/// A case accepted after its panel's next meeting was set up joins that
/// meeting's new cases, children-first order kept.
pub(crate) fn add_to_next_meeting(tx: &dyn Db, case_id: Uuid, today: &str) -> CoreResult<()> {
    let (panel_id, children, minutes) =
        table::case_facts(tx, case_id)?.ok_or(CoreError::NotFound("That case"))?;
    let Some(meeting) = table::next_planned_meeting(tx, panel_id, today)? else {
        return Ok(());
    };
    if table::has_case(tx, &meeting, case_id)? {
        return Ok(());
    }
    let items = table::items(tx, &meeting)?;
    // After the last new case of the same group (with / without children),
    // or after the action review when there are none yet.
    let anchor = items
        .iter()
        .rposition(|(_, kind, kids)| kind == "new_case" && (children == 0 || *kids > 0))
        .or_else(|| {
            items
                .iter()
                .rposition(|(_, kind, _)| kind == "action_review" || kind == "introductions")
        });
    let at = anchor.map_or(0, |i| i + 1);
    let case = case_id.to_string();
    let new_id = table::insert_item(
        tx,
        &meeting,
        0,
        ("new_case", Some(&case), "New case", minutes),
    )?;
    let mut ids: Vec<String> = items.into_iter().map(|(id, _, _)| id).collect();
    ids.insert(at.min(ids.len()), new_id);
    table::renumber(tx, &ids)
}

fn meeting_of_item(db: &dyn Db, item_id: Uuid) -> CoreResult<String> {
    table::meeting_of_item(db, item_id)?.ok_or(CoreError::NotFound("That agenda item"))
}

/// Moves an item to `position` (0-based; clamped to the agenda's length).
pub fn move_item(store: &mut impl Engine, item_id: Uuid, position: u32) -> CoreResult<Uuid> {
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::features::approval::ensure_editable(tx, &meeting)?;
        let mut ids: Vec<String> = table::items(tx, &meeting)?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        let from = ids
            .iter()
            .position(|id| *id == item_id.to_string())
            .ok_or(CoreError::NotFound("That agenda item"))?;
        let id = ids.remove(from);
        let to = usize::try_from(position)
            .unwrap_or(usize::MAX)
            .min(ids.len());
        ids.insert(to, id);
        table::renumber(tx, &ids)?;
        parse_id(&meeting)
    })
}

pub fn set_planned_minutes(
    store: &mut impl Engine,
    item_id: Uuid,
    minutes: u32,
) -> CoreResult<Uuid> {
    if minutes > 240 {
        return Err(CoreError::field(
            "planned_minutes",
            "Planned minutes must be between 0 and 240.",
        ));
    }
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::features::approval::ensure_editable(tx, &meeting)?;
        table::set_planned_minutes(tx, item_id, minutes)?;
        parse_id(&meeting)
    })
}

/// Takes an item off the agenda (a case stays accepted, for a later meeting).
pub fn remove_item(store: &mut impl Engine, item_id: Uuid) -> CoreResult<Uuid> {
    store.write(|tx| {
        let meeting = meeting_of_item(tx, item_id)?;
        crate::features::approval::ensure_editable(tx, &meeting)?;
        table::delete_item(tx, item_id)?;
        let ids: Vec<String> = table::items(tx, &meeting)?
            .into_iter()
            .map(|(id, _, _)| id)
            .collect();
        table::renumber(tx, &ids)?;
        parse_id(&meeting)
    })
}

/// What planning a new meeting's agenda needs to know.
pub(crate) struct PlanFor<'a> {
    pub kind: MeetingKind,
    pub panel_id: &'a str,
    pub date: &'a str,
    pub minutes_per_case: u32,
    pub window_months: u32,
    pub today: &'a str,
}

/// Plans a new meeting's agenda from the cases waiting for it.
pub(crate) fn plan_for(
    tx: &dyn Db,
    plan: &PlanFor<'_>,
    emergency_case: Option<(&AgendaCandidate, bool)>,
) -> CoreResult<Vec<PlannedItem>> {
    Ok(match (plan.kind, emergency_case) {
        (MeetingKind::Emergency, Some((case, review))) => {
            plan_emergency(case, review, plan.minutes_per_case.max(20))
        }
        (MeetingKind::Triage, _) => plan_triage(),
        _ => plan_scheduled(
            plan.minutes_per_case,
            accepted_cases(tx, plan.panel_id, plan.today)?,
            review_cases(tx, plan.panel_id, plan.date, plan.today)?,
            notice_cases(tx, plan.panel_id, plan.date, plan.window_months)?,
        ),
    })
}

#[cfg(test)]
mod tests;
