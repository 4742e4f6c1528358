//! The commands an agency's representative may send (issue 18), at the
//! same `/api/call/{command}`: its own agency's actions and its reports on
//! them, and its research before a meeting (the case lists it is asked to
//! research and its answers), the agency taken from the account, never
//! from the request. Every
//! other command is refused to such an account, as before.

use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::account::Account;
use roundtable_core::domain::action::{ActionFilter, ReportInput};
use roundtable_core::domain::running::ShareInput;
use roundtable_core::features::{agency_desk, research};
use roundtable_core::store::pg::PgStore;
use serde_json::Value;
use uuid::Uuid;

use super::arguments;
use crate::error::{HttpError, HttpResult};

/// Every command an agency's account may send.
pub const AGENCY_COMMANDS: &[&str] = &[
    "agency_actions",
    "agency_report_actions",
    "agency_action_plans",
    "agency_research_meetings",
    "agency_research_list",
    "agency_research_answer",
];

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Listing {
    filter: ActionFilter,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Meeting {
    meeting_id: Uuid,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Answering {
    meeting_id: Uuid,
    case_id: Uuid,
    input: ShareInput,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Reporting {
    ids: Vec<Uuid>,
    input: ReportInput,
}

pub fn run(store: &mut PgStore, me: &Account, name: &str, args: Value) -> HttpResult<Value> {
    let agency = me.agency_id.ok_or(CoreError::Forbidden(
        "Your account is not tied to an agency: ask a coordinator to set it up again.",
    ))?;
    let answer = match name {
        "agency_actions" => {
            let Listing { filter } = arguments(args)?;
            serde_json::to_value(agency_desk::actions(store, agency, &filter, local_today())?)
        }
        "agency_report_actions" => {
            let Reporting { ids, input } = arguments(args)?;
            serde_json::to_value(agency_desk::report(
                store,
                agency,
                &ids,
                &input,
                local_today(),
            )?)
        }
        "agency_action_plans" => serde_json::to_value(agency_desk::plans(store, agency)?),
        "agency_research_meetings" => {
            serde_json::to_value(research::agency::meetings(store, agency, local_today())?)
        }
        "agency_research_list" => {
            let Meeting { meeting_id } = arguments(args)?;
            serde_json::to_value(research::agency::list(
                store,
                agency,
                meeting_id,
                local_today(),
            )?)
        }
        "agency_research_answer" => {
            let Answering {
                meeting_id,
                case_id,
                input,
            } = arguments(args)?;
            serde_json::to_value(research::agency::answer_case(
                store,
                agency,
                (meeting_id, case_id),
                &input,
                local_today(),
            )?)
        }
        _ => {
            return Err(
                CoreError::Forbidden("Your account cannot open the panel's own records.").into(),
            );
        }
    };
    answer.map_err(|e| {
        HttpError::from(CoreError::Storage(format!(
            "could not send the answer: {e}"
        )))
    })
}
