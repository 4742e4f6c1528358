//! An agency's representative between meetings (issue 18): its own
//! agency's actions, and its reports on them. PostgreSQL shows such an
//! account only its own agency's rows (migration 17); this is the
//! application's own layer over that: the agency always comes from the
//! signed-in account, never from what the browser sends, an action of
//! another agency is "not found" here too, and every look at the actions
//! is audited (which cases' actions the agency opened) for the
//! coordinator to see. It also downloads its own action plans: the same
//! document the coordinator sends, made from the rows it may read.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::action::{Action, ActionFilter, ReportInput};
use crate::error::{CoreError, CoreResult};
use crate::features::downloads::{self, Download};
use crate::features::{actions, tracker};
use crate::store::Engine;

pub use crate::features::tracker::TrackerPage;

/// The agency's actions matching `filter` (whatever agency it names), soonest
/// due first; the listing is audited with the case references it showed.
pub fn actions(
    store: &mut impl Engine,
    agency: Uuid,
    filter: &ActionFilter,
    today: NaiveDate,
) -> CoreResult<TrackerPage> {
    let filter = ActionFilter {
        agency_id: Some(agency),
        ..filter.clone()
    };
    store.write(|tx| {
        let page = tracker::list(tx, &filter, today)?;
        let mut cases: Vec<&str> = page
            .actions
            .iter()
            .filter_map(|a| a.case_reference.as_deref())
            .collect();
        cases.sort_unstable();
        cases.dedup();
        let detail = if cases.is_empty() {
            format!("{} actions listed", page.actions.len())
        } else {
            format!(
                "{} actions listed, on cases {}",
                page.actions.len(),
                cases.join(", ")
            )
        };
        crate::audit::record(
            tx,
            "view",
            "agency actions",
            Some(&agency.to_string()),
            Some(&detail),
        )?;
        Ok(page)
    })
}

/// One report on one or several of the agency's own actions, all or none
/// (the tracker's rules: "not done" needs a reason, no date in the future).
pub fn report(
    store: &mut impl Engine,
    agency: Uuid,
    ids: &[Uuid],
    input: &ReportInput,
    today: NaiveDate,
) -> CoreResult<Vec<Action>> {
    store.read(|db| {
        for &id in ids {
            if actions::get(db, id, today)?.agency_id != agency {
                return Err(CoreError::NotFound("That action"));
            }
        }
        Ok(())
    })?;
    actions::report_many(store, ids, input, today)
}

/// A meeting whose action plan the agency may download.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgencyPlan {
    pub meeting_id: Uuid,
    pub panel_name: String,
    pub meeting_date: String,
    /// How many actions were agreed for the agency there.
    pub actions: u32,
}

/// Every meeting that agreed actions for the agency, latest first.
pub fn plans(store: &mut impl Engine, agency: Uuid) -> CoreResult<Vec<AgencyPlan>> {
    store.read(|db| {
        crate::tables::agency_plans::meetings_with_actions(db, agency)?
            .iter()
            .map(|r| {
                Ok(AgencyPlan {
                    meeting_id: r.get(0)?,
                    panel_name: r.get(1)?,
                    meeting_date: r.get(2)?,
                    actions: r.get(3)?,
                })
            })
            .collect()
    })
}

/// The agency's action plan from one meeting (the download is audited, as
/// the coordinator's are); none from a meeting that agreed it no action.
pub fn plan(
    store: &mut impl Engine,
    agency: Uuid,
    meeting_id: Uuid,
    now: DateTime<Utc>,
) -> CoreResult<Download> {
    if !store.read(|db| crate::tables::agency_plans::has_actions_at(db, agency, meeting_id))? {
        return Err(CoreError::NotFound(
            "An action plan for your agency from that meeting",
        ));
    }
    let file = downloads::action_plan(store, meeting_id, agency, None, now)?;
    // Beside the export's own entry, a "view" for the coordinator's list
    // of what agencies opened.
    store.write(|tx| {
        crate::audit::record(
            tx,
            "view",
            "action plan",
            Some(&meeting_id.to_string()),
            Some(&format!("downloaded {}", file.file_name)),
        )
    })?;
    Ok(file)
}
