//! The receiving side of a transfer, and the sender's receipt.

use age::secrecy::SecretString;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::bundle::{self, Bundle, FORMAT, Receipt};
use super::{ReceiptRecorded, ReceiveRequest, Received, same_name, short};
use crate::domain::case::CaseInput;
use crate::domain::referral::ReferralDetails;
use crate::error::{CoreError, CoreResult};
use crate::features::{cases, dash, documents, panels, referral};
use crate::store::Engine;
use crate::store::codec::now as stamp;
use crate::tables::transfer as table;

/// The bundle's case as an input for this store: this panel, no agency or
/// row ids of the sender's store (the referrer is kept by name).
fn as_input(b: &Bundle, panel_id: Uuid) -> CaseInput {
    let mut input = b.case.clone();
    input.panel_id = panel_id;
    input.referring_agency_id = None;
    if !b.referred_by.is_empty() && input.referring_officer.trim().is_empty() {
        input.referring_officer = format!("{} (at {})", b.referred_by, b.from_panel);
    }
    for p in &mut input.linked_people {
        p.id = None;
    }
    input
}

fn fresh_rows(mut details: ReferralDetails) -> ReferralDetails {
    for p in &mut details.perpetrators {
        p.id = None;
    }
    for c in &mut details.children {
        c.id = None;
    }
    details
}

/// Imports a transfer bundle into `request.panel_id` as a new case, and
/// returns it with the receipt to send back.
pub fn receive(
    store: &mut impl Engine,
    bytes: &[u8],
    request: &ReceiveRequest,
    now: DateTime<Utc>,
) -> CoreResult<Received> {
    let b: Bundle = bundle::open(bytes, &request.passphrase)?;
    let today = now.date_naive();
    let panel = store.read(|db| panels::get(db, request.panel_id))?;
    refuse_misaddressed_or_repeated(store, &b, &panel.name, today)?;
    // Checked before anything is written: the referral's records and each
    // checklist as this Roundtable's rules see them.
    let details = fresh_rows(b.referral.clone());
    details.validate(today)?;
    for checklist in &b.dash {
        checklist.validate(today)?;
    }
    let actor = store.actor().to_owned();
    let case = cases::create(store, &as_input(&b, panel.id), today)?;
    let id = case.id;
    let finish = (|| -> CoreResult<()> {
        referral::save(store, id, &details, today)?;
        for checklist in &b.dash {
            dash::record(store, id, checklist, today)?;
        }
        store.write(|db| {
            table::record_received(db, (b.id, id, &b.from_panel), (&actor, &stamp()))?;
            for line in history(&b) {
                cases::record_event(db, id, "transfer", &line, &actor)?;
            }
            Ok(())
        })
    })();
    if let Err(e) = finish {
        // Nothing half-imported: the new case goes, and the file can be tried again.
        store.write(|db| crate::tables::retention::delete_case(db, id))?;
        return Err(e);
    }
    let (receipt_file_name, receipt) = receipt(&b, &panel.name, &case.reference, now, request)?;
    Ok(Received {
        case: store.read(|db| cases::get(db, id, today))?,
        receipt_file_name,
        receipt,
    })
}

/// Refuses a bundle meant for another panel, or one imported already
/// (nothing is changed either way).
fn refuse_misaddressed_or_repeated(
    store: &mut impl Engine,
    b: &Bundle,
    panel_name: &str,
    today: NaiveDate,
) -> CoreResult<()> {
    if !same_name(&b.to_panel, panel_name) {
        return Err(CoreError::field(
            "panel_id",
            format!(
                "This transfer is addressed to {}, not to {}. Choose that panel, or return the file to {}.",
                b.to_panel, panel_name, b.from_panel
            ),
        ));
    }
    if let Some(existing) = store.read(|db| table::received(db, b.id))? {
        let reference = store.read(|db| cases::get(db, existing, today))?.reference;
        return Err(CoreError::Conflict(format!(
            "This transfer was already imported, as case {reference}. Nothing was changed."
        )));
    }
    Ok(())
}

/// What the sending panel knew, as lines of the new case's history: where
/// it came from, its Dash scores, its timeline and its open actions.
fn history(b: &Bundle) -> Vec<String> {
    let mut lines = vec![format!(
        "Transferred from {}: their case {}, sent by {} (transfer {}).",
        b.from_panel,
        b.reference,
        b.sent_by,
        short(b.id)
    )];
    lines.extend(b.dash_scores.iter().map(|(on, score)| {
        format!(
            "Dash score {score} of 24 on {on}, from a list at {} (answers not sent).",
            b.from_panel
        )
    }));
    lines.extend(
        b.timeline
            .iter()
            .map(|(at, text)| format!("At {}, {}: {text}", b.from_panel, day(at))),
    );
    lines.extend(b.open_actions.iter().map(|(agency, text, due, status)| {
        format!(
            "Open at {}: {agency}: {text} (due {}, {status}).",
            b.from_panel,
            day(due)
        )
    }));
    lines
}

/// The receipt to send back, sealed with the transfer's passphrase, and
/// its file's name.
fn receipt(
    b: &Bundle,
    panel_name: &str,
    reference: &str,
    now: DateTime<Utc>,
    request: &ReceiveRequest,
) -> CoreResult<(String, Vec<u8>)> {
    let receipt = Receipt {
        format: FORMAT.into(),
        receipt_for: b.id,
        received_by_panel: panel_name.to_owned(),
        received_at: now.to_rfc3339(),
        reference: reference.to_owned(),
    };
    let sealed = bundle::seal(&receipt, &request.passphrase)?;
    let file_name = documents::file_name(
        panel_name,
        &now.date_naive().format("%Y-%m-%d").to_string(),
        &format!("transfer receipt {}", short(b.id)),
    )
    .replace(".pdf", ".rtreceipt");
    Ok((file_name, sealed))
}

/// "2026-11-14" or an RFC 3339 time as "14 November 2026".
fn day(at: &str) -> String {
    let date = at.get(..10).unwrap_or(at);
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| at.to_string(), |d| d.format("%-d %B %Y").to_string())
}

/// Imports the receipt the receiving MARAC sent back: the transfer's loop
/// is closed on the case.
pub fn close_loop(
    store: &mut impl Engine,
    bytes: &[u8],
    passphrase: &SecretString,
) -> CoreResult<ReceiptRecorded> {
    let r: Receipt = bundle::open(bytes, passphrase)?;
    let Some((case_id, to_panel, closed)) = store.read(|db| table::sent(db, r.receipt_for))? else {
        return Err(CoreError::field(
            "file",
            "This receipt is for a transfer this Roundtable did not send. Nothing was changed.",
        ));
    };
    if closed {
        return Err(CoreError::Conflict(
            "This receipt is already recorded. Nothing was changed.".into(),
        ));
    }
    let actor = store.actor().to_owned();
    store.write(|db| {
        table::record_receipt(db, r.receipt_for, &r.reference, &stamp())?;
        cases::record_event(
            db,
            case_id,
            "transfer",
            &format!(
                "Receipt from {}: the transfer to {to_panel} arrived on {}, as their case {}.",
                r.received_by_panel,
                day(&r.received_at),
                r.reference
            ),
            &actor,
        )
    })?;
    Ok(ReceiptRecorded {
        case_id,
        received_by_panel: r.received_by_panel,
        reference: r.reference,
    })
}
