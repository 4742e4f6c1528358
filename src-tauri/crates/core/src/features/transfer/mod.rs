//! MARAC-to-MARAC transfers (issue 20). When a person moves area, the
//! coordinator sends the next area's MARAC a bundle: the referral, the Dash
//! checklists, the history and the actions still open, encrypted under a
//! passphrase agreed by phone (like a backup's). The receiving Roundtable
//! imports it as a case "transferred from <panel>" and writes a receipt
//! under the same passphrase; the sender imports the receipt and the loop
//! is closed. Both sides record it on the case and in the audit log. A
//! bundle is refused if damaged, addressed to another panel, or already
//! imported; a receipt if it is for a transfer never sent or already in.

mod bundle;

pub use bundle::{Bundle, FORMAT, Receipt};

use age::secrecy::SecretString;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::domain::case::CaseDetail;
use crate::error::CoreResult;
use crate::features::{actions, cases, dash, documents, panels, timeline};
use crate::store::Engine;
use crate::store::codec::now as stamp;
use crate::store::sql::Db;
use crate::tables::transfer as table;
use crate::validate::Validator;

/// What the coordinator asks for when sending a case on.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TransferRequest {
    pub case_id: Uuid,
    /// The receiving panel, as it is named there ("Northtown MARAC").
    pub to_panel: String,
    #[ts(type = "string")]
    pub passphrase: SecretString,
    #[ts(type = "string")]
    pub confirm: SecretString,
}

/// What the receiving coordinator gives with the bundle's file.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReceiveRequest {
    pub panel_id: Uuid,
    #[ts(type = "string")]
    pub passphrase: SecretString,
}

/// What the sender gives with the receipt's file.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ReceiptRequest {
    #[ts(type = "string")]
    pub passphrase: SecretString,
}

/// A transfer imported: the new case, and the receipt to send back.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Received {
    pub case: CaseDetail,
    pub receipt_file_name: String,
    pub receipt: Vec<u8>,
}

/// A receipt imported: the case it closes, and where it is now.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ReceiptRecorded {
    pub case_id: Uuid,
    pub received_by_panel: String,
    pub reference: String,
}

/// Panel names compared as people write them: case, spaces and punctuation aside.
fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    key(a) == key(b)
}

/// The bundle for a case, as a file: its name and encrypted bytes. The
/// transfer is recorded on the case (and so in the audit log).
pub fn send(
    store: &mut impl Engine,
    request: &TransferRequest,
    now: DateTime<Utc>,
) -> CoreResult<(String, Vec<u8>)> {
    let mut v = Validator::new();
    let to_panel = v.required("to_panel", "The receiving panel", &request.to_panel, 200);
    crate::domain::user::check_new_passphrase(
        &mut v,
        ("passphrase", &request.passphrase),
        ("confirm", &request.confirm),
        &[&to_panel],
    );
    v.finish()?;
    let actor = store.actor().to_owned();
    let today = now.date_naive();
    let id = Uuid::new_v4();
    let bundle = store.read(|db| gather(db, request.case_id, (id, &to_panel, &actor), now))?;
    let bytes = bundle::seal(&bundle, &request.passphrase)?;
    store.write(|db| {
        table::record_sent(db, (id, request.case_id, &to_panel), (&actor, &stamp()))?;
        cases::record_event(
            db,
            request.case_id,
            "transfer",
            &format!(
                "Transferred to {to_panel}: a bundle was made to send them (transfer {}).",
                short(id)
            ),
            &actor,
        )
    })?;
    let name = documents::file_name(
        &bundle.from_panel,
        &today.format("%Y-%m-%d").to_string(),
        &format!("transfer {} {}", bundle.reference, short(id)),
    )
    .replace(".pdf", ".rttransfer");
    Ok((name, bytes))
}

fn short(id: Uuid) -> String {
    id.to_string().chars().take(8).collect()
}

/// Everything that goes with the person, read in one snapshot.
fn gather(
    db: &dyn Db,
    case_id: Uuid,
    (id, to_panel, actor): (Uuid, &str, &str),
    now: DateTime<Utc>,
) -> CoreResult<Bundle> {
    let today = now.date_naive();
    let case = cases::get(db, case_id, today)?;
    let panel = panels::get(db, case.panel_id)?;
    let dash_all = dash::of_case(db, case_id)?;
    Ok(Bundle {
        format: FORMAT.into(),
        id,
        from_panel: panel.name,
        to_panel: to_panel.into(),
        sent_at: now.to_rfc3339(),
        sent_by: actor.into(),
        reference: case.reference.clone(),
        referred_by: case.referring_agency_name.clone().unwrap_or_default(),
        case: case.input.clone(),
        referral: case.referral.clone(),
        dash: dash_all
            .iter()
            .filter(|d| !d.from_list)
            .map(|d| crate::domain::dash::DashInput {
                version: d.version,
                completed_on: d.completed_on.clone(),
                completed_by: d.completed_by.clone(),
                answers: d.answers.clone(),
            })
            .collect(),
        dash_scores: dash_all
            .iter()
            .filter(|d| d.from_list)
            .map(|d| (d.completed_on.clone(), d.score))
            .collect(),
        timeline: timeline::timeline(db, case_id, today)?
            .into_iter()
            .map(|e| (e.at, e.text))
            .collect(),
        open_actions: actions::open_for_case(db, case_id, today)?
            .into_iter()
            .map(|a| {
                let status = documents::action_status(a.status).to_string();
                (
                    a.agency_name,
                    a.text,
                    a.due_date.unwrap_or_default(),
                    status,
                )
            })
            .collect(),
    })
}

mod receive;
pub use receive::{close_loop, receive};
