//! An agency's representative between meetings (issue 18): its own
//! agency's actions, and its reports on them. PostgreSQL shows such an
//! account only its own agency's rows (migration 17); this is the
//! application's own layer over that: the agency always comes from the
//! signed-in account, never from what the browser sends, an action of
//! another agency is "not found" here too, and every look at the actions
//! is audited (which cases' actions the agency opened) for the
//! coordinator to see.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::action::{Action, ActionFilter, ReportInput};
use crate::error::{CoreError, CoreResult};
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
