//! MARAC-to-MARAC transfers (issue 20): a case with its referral, Dash
//! checklists, history and open actions goes from one Roundtable to
//! another (SQLCipher to PostgreSQL and back), arrives as a case
//! "transferred from" the sender, and the receipt closes the loop; damaged,
//! foreign and replayed files are refused and change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::Utc;
use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::panel::{PanelInput, PanelKind};
use roundtable_core::features::transfer::{self, ReceiveRequest, TransferRequest};
use roundtable_core::features::{cases, demo, panels};
use roundtable_core::store::Engine;
use secrecy::SecretString;
use uuid::Uuid;

use crate::common;
use common::Empty;

const PASSPHRASE: &str = "lantern orbit copper meadow";

fn secret(s: &str) -> SecretString {
    SecretString::from(s.to_owned())
}

fn field(result: Result<impl std::fmt::Debug, CoreError>) -> String {
    match result {
        Err(CoreError::Validation(f)) => f[0].field.clone(),
        Err(CoreError::Conflict(m)) => format!("conflict: {m}"),
        other => panic!("{other:?}"),
    }
}

fn case_count<S: Engine>(store: &mut S) -> usize {
    let today = local_today();
    store
        .read(|db| cases::list(db, &Default::default(), today))
        .unwrap()
        .len()
}

fn round_trip<S: Engine, R: Engine>(mut from: Empty<S>, mut to: Empty<R>) {
    let (sender, receiver) = (&mut from.store, &mut to.store);
    sender.set_actor("Yusuf Ali");
    receiver.set_actor("Dana Reid");
    let today = local_today();
    demo::load(sender, today).unwrap();
    let northtown = panels::create(
        receiver,
        &PanelInput {
            name: "Northtown MARAC".into(),
            ..PanelInput::defaults(PanelKind::Marac)
        },
    )
    .unwrap();
    let elsewhere = panels::create(
        receiver,
        &PanelInput {
            name: "Southport MARAC".into(),
            ..PanelInput::defaults(PanelKind::Marac)
        },
    )
    .unwrap();
    // A demo case with a Dash checklist and a perpetrator on its form.
    let case = sender
        .read(|db| {
            let all = cases::list(db, &Default::default(), today)?;
            let mut found = None;
            for c in all {
                let d = cases::get(db, c.id, today)?;
                if !d.dash.is_empty() && !d.referral.perpetrators.is_empty() {
                    found = Some(d);
                    break;
                }
            }
            Ok(found.unwrap())
        })
        .unwrap();

    let weak = TransferRequest {
        case_id: case.id,
        to_panel: "Northtown MARAC".into(),
        passphrase: secret("marac"),
        confirm: secret("marac"),
    };
    assert_eq!(
        field(transfer::send(sender, &weak, Utc::now())),
        "passphrase"
    );
    let request = TransferRequest {
        passphrase: secret(PASSPHRASE),
        confirm: secret(PASSPHRASE),
        ..weak
    };
    let (name, bytes) = transfer::send(sender, &request, Utc::now()).unwrap();
    assert!(
        name.ends_with(".rttransfer") && name.contains(&case.reference.to_lowercase()),
        "{name}"
    );
    assert!(!String::from_utf8_lossy(&bytes).contains(&case.input.subject_name));

    let before = case_count(receiver);
    let to_northtown = ReceiveRequest {
        panel_id: northtown.id,
        passphrase: secret(PASSPHRASE),
    };
    let mut damaged = bytes.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    assert_eq!(
        field(transfer::receive(
            receiver,
            &damaged,
            &to_northtown,
            Utc::now()
        )),
        "file"
    );
    assert_eq!(
        field(transfer::receive(
            receiver,
            b"name,date\nx,y\n",
            &to_northtown,
            Utc::now()
        )),
        "file"
    );
    let wrong = ReceiveRequest {
        passphrase: secret("another passphrase entirely"),
        ..to_northtown.clone()
    };
    assert_eq!(
        field(transfer::receive(receiver, &bytes, &wrong, Utc::now())),
        "passphrase"
    );
    let foreign = ReceiveRequest {
        panel_id: elsewhere.id,
        ..to_northtown.clone()
    };
    assert_eq!(
        field(transfer::receive(receiver, &bytes, &foreign, Utc::now())),
        "panel_id"
    );
    assert_eq!(case_count(receiver), before, "nothing was imported");

    let received = transfer::receive(receiver, &bytes, &to_northtown, Utc::now()).unwrap();
    let arrived = &received.case;
    assert_eq!(arrived.panel_id, northtown.id);
    assert_eq!(arrived.input.subject_name, case.input.subject_name);
    assert_eq!(arrived.input.date_of_birth, case.input.date_of_birth);
    assert_eq!(arrived.input.referral_route, case.input.referral_route);
    let scores = |d: &roundtable_core::domain::case::CaseDetail| {
        d.dash
            .iter()
            .filter(|a| !a.from_list)
            .map(|a| (a.score, a.answers.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        scores(arrived),
        scores(&case),
        "the checklists, answer by answer"
    );
    let names = |d: &roundtable_core::domain::case::CaseDetail| {
        d.referral
            .perpetrators
            .iter()
            .map(|p| p.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(arrived), names(&case));
    let history: Vec<&str> = arrived.history.iter().map(|e| e.detail.as_str()).collect();
    assert!(
        history
            .iter()
            .any(|h| h.starts_with("Transferred from Lowbridge") && h.contains(&case.reference)),
        "{history:?}"
    );
    assert!(
        history.iter().any(|h| h.starts_with("At Lowbridge")),
        "{history:?}"
    );
    assert!(received.receipt_file_name.ends_with(".rtreceipt"));

    // Replayed: refused, nothing added.
    let again = transfer::receive(receiver, &bytes, &to_northtown, Utc::now());
    assert!(field(again).contains(&arrived.reference));
    assert_eq!(case_count(receiver), before + 1);

    // The receipt closes the loop at the sender, once.
    assert_eq!(
        field(transfer::close_loop(
            receiver,
            &received.receipt,
            &secret(PASSPHRASE)
        )),
        "file",
        "a receipt for a transfer this store never sent"
    );
    let closed = transfer::close_loop(sender, &received.receipt, &secret(PASSPHRASE)).unwrap();
    assert_eq!(
        (closed.case_id, closed.reference.as_str()),
        (case.id, arrived.reference.as_str())
    );
    assert!(
        field(transfer::close_loop(
            sender,
            &received.receipt,
            &secret(PASSPHRASE)
        ))
        .starts_with("conflict")
    );
    let sent = sender.read(|db| cases::get(db, case.id, today)).unwrap();
    let told: Vec<&str> = sent.history.iter().map(|e| e.detail.as_str()).collect();
    assert!(
        told.iter()
            .any(|h| h.starts_with("Transferred to Northtown MARAC")),
        "{told:?}"
    );
    assert!(
        told.iter().any(
            |h| h.starts_with("Receipt from Northtown MARAC") && h.contains(&arrived.reference)
        ),
        "{told:?}"
    );

    // Both sides audited.
    for (store, entity) in [
        (
            sender
                .read(|db| roundtable_core::audit::recent(db, 50))
                .unwrap(),
            "transfer_sent",
        ),
        (
            receiver
                .read(|db| roundtable_core::audit::recent(db, 200))
                .unwrap(),
            "transfer_received",
        ),
    ] {
        assert!(store.entries.iter().any(|e| e.entity == entity), "{entity}");
    }
    let _ = Uuid::nil();
}

fn sqlite_to_postgres() -> (
    Empty<roundtable_core::Store>,
    Empty<roundtable_core::store::pg::PgStore>,
) {
    (common::empty_sqlite(), common::empty_postgres())
}

#[test]
fn a_case_moves_from_sqlcipher_to_postgres_and_the_receipt_closes_the_loop() {
    let (a, b) = sqlite_to_postgres();
    round_trip(a, b);
}

#[test]
fn a_case_moves_from_postgres_to_sqlcipher() {
    round_trip(common::empty_postgres(), common::empty_sqlite());
}
