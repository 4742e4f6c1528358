//! Retention on either engine: a closed case past its panel's retention
//! period is listed, then deleted with everything under it (hearings,
//! actions, history, the search entry), leaving one audit entry that names
//! no one. A case not yet due, or an empty choice, is refused and nothing
//! is deleted. (That no old copy stays in the SQLCipher file's pages is
//! checked in `safety.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Fixture, fields, today};
use roundtable_core::CoreError;
use roundtable_core::domain::action::ActionInput;
use roundtable_core::domain::meeting::HearingOutcome;
use roundtable_core::features::cases::{self, CaseAction, CaseFilter};
use roundtable_core::features::retention::{self, DeleteDueInput};
use roundtable_core::features::{actions, meetings};
use roundtable_core::store::Engine;
use uuid::Uuid;

/// A case heard at a meeting, with an action agreed, closed by the panel.
fn heard_and_closed<S: Engine>(f: &mut Fixture<S>, meeting: Uuid, name: &str) -> Uuid {
    let input = f.referral(name, "2001-04-02", "2026-11-02");
    let case = cases::create(&mut f.store, &input, today()).unwrap().id;
    cases::transition(&mut f.store, case, &CaseAction::Accept, today()).unwrap();
    meetings::record_hearing(&mut f.store, meeting, case, HearingOutcome::Close, None).unwrap();
    actions::add(
        &mut f.store,
        &ActionInput {
            meeting_id: meeting,
            case_id: Some(case),
            agency_id: Some(f.police),
            text: format!("Flag the address of {name}"),
            due: "+2w".into(),
            officer: String::new(),
        },
        today(),
    )
    .unwrap();
    case
}

/// How many rows under the case are left in each table that holds them.
fn left_under<S: Engine>(store: &mut S, case: Uuid) -> Vec<(&'static str, i64)> {
    store
        .read(|db| {
            let mut left = Vec::new();
            for table in ["hearing", "action", "case_event"] {
                let sql = format!("SELECT count(*) FROM {table} WHERE case_id = ?1");
                left.push((table, db.value(&sql, &[&case])?.unwrap_or(0)));
            }
            Ok(left)
        })
        .unwrap()
}

fn a_case_past_retention_is_listed_then_deleted_with_everything_under_it<S: Engine>(
    mut f: Fixture<S>,
) {
    let meeting = f.meeting("2026-11-04").id;
    let old = heard_and_closed(&mut f, meeting, "Zofia Wiśniewska-Quartermaine");
    let recent = heard_and_closed(&mut f, meeting, "Oluwaseun Brightwater");
    // The app only ever closes a case today: the old one is dated back
    // directly, in an audited write.
    f.store
        .write(|db| {
            db.execute(
                "UPDATE person_case SET closed_on = ?2 WHERE id = ?1",
                &[&old, &"2019-06-30"],
            )
        })
        .unwrap();
    let due = f.store.read(|db| retention::due(db, today())).unwrap();
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].id, old);
    assert_eq!(
        (due[0].closed_on.as_str(), due[0].due_on.as_str()),
        ("2019-06-30", "2025-06-30")
    );
    assert_eq!(due[0].retention_years, 6);
    assert_eq!(due[0].panel_name, "Lowbridge Youth MARAC");

    // Not due, or nothing chosen: refused, and nothing is deleted.
    let both = DeleteDueInput {
        case_ids: vec![old, recent],
    };
    let err = retention::delete_due(&mut f.store, &both, today()).unwrap_err();
    assert!(matches!(err, CoreError::Conflict(_)), "{err:?}");
    let none = DeleteDueInput { case_ids: vec![] };
    let err = retention::delete_due(&mut f.store, &none, today()).unwrap_err();
    assert_eq!(fields(err), ["case_ids"]);
    assert!(left_under(&mut f.store, old).iter().all(|(_, n)| *n > 0));

    let only_old = DeleteDueInput {
        case_ids: vec![old],
    };
    let done = retention::delete_due(&mut f.store, &only_old, today()).unwrap();
    assert_eq!(done.deleted, 1);
    assert_eq!(
        left_under(&mut f.store, old),
        [("hearing", 0), ("action", 0), ("case_event", 0)]
    );
    let search = |query: &str| CaseFilter {
        query: query.into(),
        ..CaseFilter::default()
    };
    f.store
        .read(|db| {
            assert!(retention::due(db, today())?.is_empty());
            assert!(cases::get(db, old, today()).is_err());
            assert!(cases::list(db, &search("Wisniewska"), today())?.is_empty());
            assert_eq!(cases::list(db, &search("Brightwater"), today())?.len(), 1);
            assert!(cases::get(db, recent, today()).is_ok());
            let last: Option<(String, String)> = db.row(
                "SELECT action, detail FROM audit_log WHERE action = 'delete (retention)'",
                &[],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let (_, detail) = last.expect("the deletion is in the audit log");
            assert!(detail.contains("closed 2019-06-30"), "{detail}");
            assert!(!detail.contains("Wi"), "{detail}");
            Ok(())
        })
        .unwrap();
}

crate::on_both_engines!(
    crate::common::fixture, crate::common::pg_fixture;
    a_case_past_retention_is_listed_then_deleted_with_everything_under_it,
);
