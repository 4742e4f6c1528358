//! A server's request as one transaction (issue 17): whatever the features
//! read and write inside it is committed together or not at all; a request
//! declared as reading refuses a write; who acts and for which agency are
//! set for the request's transaction alone, so nothing of one caller is
//! left on a pooled connection for the next.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use roundtable_core::domain::{PanelInput, PanelKind};
use roundtable_core::features::panels;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_core::store::pg::{PgStore, RequestKind};
use uuid::Uuid;

fn panel(name: &str) -> PanelInput {
    PanelInput {
        name: name.into(),
        ..PanelInput::defaults(PanelKind::Marac)
    }
}

fn names(store: &mut PgStore) -> Vec<String> {
    store
        .read(panels::list)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn setting(store: &mut PgStore, name: &str) -> String {
    store
        .client()
        .query_one("SELECT coalesce(current_setting($1, true), '')", &[&name])
        .unwrap()
        .get(0)
}

fn audited_actors(store: &mut PgStore) -> Vec<String> {
    store
        .client()
        .query(
            "SELECT coalesce(actor, '') FROM audit_log WHERE entity = 'panel' ORDER BY seq",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

#[test]
fn what_a_request_writes_is_committed_together_or_not_at_all() {
    let database = ScratchDatabase::new();
    let mut store = database.store();

    store.begin_request(RequestKind::Writing).unwrap();
    store.set_actor("Yusuf Ali (yusuf)");
    panels::create(&mut store, &panel("Riverside MARAC")).unwrap();
    panels::create(&mut store, &panel("Riverside Youth MARAC")).unwrap();
    store.finish_request(false).unwrap();
    assert!(
        names(&mut store).is_empty(),
        "a request rolled back leaves nothing"
    );
    assert!(audited_actors(&mut store).is_empty(), "nor any audit entry");

    store.begin_request(RequestKind::Writing).unwrap();
    panels::create(&mut store, &panel("Riverside MARAC")).unwrap();
    panels::create(&mut store, &panel("Riverside Youth MARAC")).unwrap();
    // Another connection sees none of it before the request ends.
    assert!(names(&mut database.store()).is_empty());
    store.finish_request(true).unwrap();
    assert_eq!(
        names(&mut database.store()),
        ["Riverside MARAC", "Riverside Youth MARAC"]
    );
    // Both audited as the request's actor, and sealed in the chain.
    assert_eq!(
        audited_actors(&mut store),
        ["Yusuf Ali (yusuf)", "Yusuf Ali (yusuf)"]
    );
    assert!(store.verify_audit(&[]).unwrap().intact);
}

#[test]
fn a_reading_request_refuses_a_write_and_sees_one_moment() {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    store.begin_request(RequestKind::Reading).unwrap();
    assert!(names(&mut store).is_empty());
    // A panel made meanwhile by someone else is not in this request's view.
    panels::create(&mut database.store(), &panel("Riverside MARAC")).unwrap();
    assert!(
        names(&mut store).is_empty(),
        "one snapshot for the whole request"
    );
    let refused = panels::create(&mut store, &panel("Lowbridge MARAC")).unwrap_err();
    assert!(
        refused.to_string().contains("declared as reading"),
        "{refused}"
    );
    store.finish_request(false).unwrap();
    assert_eq!(names(&mut store), ["Riverside MARAC"]);
}

#[test]
fn the_callers_agency_lasts_as_long_as_its_request() {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    let agency = Uuid::new_v4();
    store.begin_request(RequestKind::Reading).unwrap();
    store.set_agency(Some(agency)).unwrap();
    assert_eq!(setting(&mut store, "roundtable.agency"), agency.to_string());
    store.finish_request(true).unwrap();
    assert_eq!(setting(&mut store, "roundtable.agency"), "");

    // A request left open (a panic on the way) is rolled back by the next.
    store.begin_request(RequestKind::Writing).unwrap();
    store.set_agency(Some(agency)).unwrap();
    panels::create(&mut store, &panel("Riverside MARAC")).unwrap();
    store.begin_request(RequestKind::Reading).unwrap();
    assert_eq!(setting(&mut store, "roundtable.agency"), "");
    assert!(names(&mut store).is_empty());
    store.finish_request(true).unwrap();
}
