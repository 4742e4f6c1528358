//! Inviting an agency's representative to their account, on both engines:
//! the code works once, before it expires, for an enabled account; the
//! newest invitation withdraws the one before; each refusal is clear and
//! changes nothing; only the code's hash is stored.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::{Duration, Utc};
use common::{Empty, clear};
use roundtable_core::CoreError;
use roundtable_core::domain::account::{Account, AccountInput, AccountRole};
use roundtable_core::domain::{AgencyInput, Sector};
use roundtable_core::features::accounts::{self, invitations};
use roundtable_core::features::agencies;
use roundtable_core::store::Engine;

fn people<S: Engine>(store: &mut S) -> (Account, Account) {
    let input = |username: &str, role, agency_id| AccountInput {
        username: username.into(),
        display_name: format!("{username} Person"),
        role: Some(role),
        agency_id,
    };
    let (coordinator, _) =
        accounts::create(store, None, &input("priya", AccountRole::Coordinator, None)).unwrap();
    let agency = agencies::create(
        store,
        &AgencyInput {
            name: "Lowbridge Police".into(),
            short_code: "POL".into(),
            sector: Some(Sector::Police),
            secure_email: String::new(),
            representatives: Vec::new(),
        },
    )
    .unwrap();
    let (rep, _) = accounts::create(
        store,
        Some(&coordinator),
        &input("rita", AccountRole::Agency, Some(agency.id)),
    )
    .unwrap();
    (coordinator, rep)
}

const CHOSEN: &str = "rita's own long passphrase";

fn an_invitation_works_once_before_it_expires<S: Engine>(Empty { mut store, .. }: Empty<S>) {
    let (coordinator, rep) = people(&mut store);
    let now = Utc::now();
    let first = invitations::invite(&mut store, &coordinator, rep.id, now).unwrap();
    let second = invitations::invite(&mut store, &coordinator, rep.id, now).unwrap();
    assert_ne!(first.code, second.code);
    // The first was withdrawn by the second.
    let err = invitations::accept(&mut store, &first.code, CHOSEN, now).unwrap_err();
    assert!(
        clear(&err) && matches!(err, CoreError::Validation(_)),
        "{err:?}"
    );
    // Greeted by name; the code as typed in capitals, with spaces, works.
    let typed = format!("  {}  ", second.code.to_uppercase());
    let view = invitations::view(&mut store, &typed, now).unwrap();
    assert_eq!(view.username, "rita");
    // A weak password is refused beside its field; the invitation still works.
    let err = invitations::accept(&mut store, &typed, "rita", now).unwrap_err();
    assert!(matches!(err, CoreError::Validation(_)), "{err:?}");
    let account = invitations::accept(&mut store, &typed, CHOSEN, now).unwrap();
    assert!(!account.must_change_password);
    assert!(accounts::check_password(&mut store, "rita", CHOSEN).is_ok());
    // Used: a second time is refused, and the password stays.
    let err =
        invitations::accept(&mut store, &second.code, "another long passphrase", now).unwrap_err();
    assert!(
        clear(&err) && err.to_string().contains("already been used"),
        "{err}"
    );
    assert!(accounts::check_password(&mut store, "rita", CHOSEN).is_ok());
    // Chosen: no new invitation (a reset is the way).
    let err = invitations::invite(&mut store, &coordinator, rep.id, now).unwrap_err();
    assert!(clear(&err), "{err:?}");
}

fn expired_disabled_and_forbidden_invitations_are_refused<S: Engine>(
    Empty { mut store, .. }: Empty<S>,
) {
    let (coordinator, rep) = people(&mut store);
    let now = Utc::now();
    let sent = invitations::invite(&mut store, &coordinator, rep.id, now).unwrap();
    let later = now + Duration::days(invitations::VALID_FOR_DAYS) + Duration::minutes(1);
    let err = invitations::accept(&mut store, &sent.code, CHOSEN, later).unwrap_err();
    assert!(
        clear(&err) && err.to_string().contains("expired on"),
        "{err}"
    );
    // A representative cannot invite anyone.
    let err = invitations::invite(&mut store, &rep, coordinator.id, now).unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    // A disabled account's invitation does not open it.
    accounts::set_disabled(&mut store, &coordinator, rep.id, true).unwrap();
    let err = invitations::accept(&mut store, &sent.code, CHOSEN, now).unwrap_err();
    assert!(clear(&err) && err.to_string().contains("disabled"), "{err}");
    let err = invitations::invite(&mut store, &coordinator, rep.id, now).unwrap_err();
    assert!(clear(&err), "{err:?}");
    assert!(accounts::check_password(&mut store, "rita", CHOSEN).is_err());
}

crate::on_both_engines!(
    crate::common::empty_sqlite, crate::common::empty_postgres;
    an_invitation_works_once_before_it_expires,
    expired_disabled_and_forbidden_invitations_are_refused,
);
