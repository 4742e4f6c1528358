//! Between meetings, on the demo borough, one person's whole record: the
//! timeline across a repeat person's referrals, in order, and the subject
//! access export, which holds everything about that person, nobody else's
//! record, and is noted on each of their cases.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::between_meetings::{demo_postgres, demo_sqlite, demo_store, pdftotext};
use crate::common;

use common::Empty;
use common::today;
use roundtable_core::CoreError;
use roundtable_core::features::exports::{self, ReportRequest};
use roundtable_core::features::tracker::{self, ActionFilter, StatusFilter};
use roundtable_core::features::{cases, person};
use roundtable_core::store::Engine;
use roundtable_core::store::sql::Db;

fn a_repeat_persons_timeline_covers_both_referrals_in_order<S: Engine>(mut demo: Empty<S>) {
    demo.store
        .read(|conn| {
            timeline_of_a_repeat(conn);
            Ok(())
        })
        .unwrap();
}

fn timeline_of_a_repeat(conn: &dyn Db) {
    let repeat = cases::list(conn, &Default::default(), today())
        .unwrap()
        .into_iter()
        .find(|c| c.is_repeat && c.subject_name == "Fọláṣadé Àjàyí")
        .expect("the demo's heard repeat");
    let people = person::same_person(conn, repeat.id).unwrap();
    assert_eq!(people.len(), 2);
    let timeline = person::timeline(conn, repeat.id, today()).unwrap();
    let refs: std::collections::BTreeSet<_> =
        timeline.iter().map(|e| e.case_reference.clone()).collect();
    assert_eq!(refs.len(), 2, "both referrals");
    assert!(timeline.windows(2).all(|w| w[0].at <= w[1].at), "in order");
    for kind in ["referral", "hearing", "risk", "outcome", "repeat", "status"] {
        assert!(
            timeline.iter().any(|e| e.kind == kind),
            "a {kind} entry: {timeline:#?}"
        );
    }
    assert!(timeline.iter().all(|e| !e.recorded_by.is_empty()));
    // Asked from the earlier case, the same person's timeline.
    let earlier = people.into_iter().find(|id| *id != repeat.id).unwrap();
    assert_eq!(person::timeline(conn, earlier, today()).unwrap(), timeline);

    // A case with actions: agreed and reported on, in the timeline.
    let with_actions = tracker::list(
        conn,
        &ActionFilter {
            status: StatusFilter::Done,
            ..ActionFilter::open()
        },
        today(),
    )
    .unwrap()
    .actions[0]
        .case_id
        .unwrap();
    let t = person::timeline(conn, with_actions, today()).unwrap();
    let agreed = t.iter().position(|e| e.kind == "action").unwrap();
    let reported = t.iter().position(|e| e.kind == "action_update").unwrap();
    assert!(agreed < reported);
}

#[test]
fn subject_access_exports_everything_about_one_person_and_is_recorded() {
    let (dir, mut store) = demo_store();
    let all = cases::list(store.conn(), &Default::default(), today()).unwrap();
    let repeat = all
        .iter()
        .find(|c| c.is_repeat && c.subject_name == "Fọláṣadé Àjàyí")
        .unwrap();
    let folder = dir.path().to_path_buf();
    let request = ReportRequest::SubjectAccess { case_id: repeat.id };
    let written = exports::write_report(
        &mut store,
        &request,
        &folder,
        false,
        None,
        chrono::Utc::now(),
    )
    .unwrap();
    assert!(written.file_name.starts_with("subject-access_"));
    assert!(
        !written.file_name.contains("Ajayi") && !written.file_name.to_lowercase().contains("ajayi")
    );
    let text = pdftotext(&written.path);
    let flat = text.replace('\n', " ");
    for id in person::same_person(store.conn(), repeat.id).unwrap() {
        let c = cases::get(store.conn(), id, today()).unwrap();
        assert!(flat.contains(&c.reference), "{}", c.reference);
        assert!(
            flat.contains(&c.input.referral_reason[..30]),
            "{}",
            c.input.referral_reason
        );
        // The export is recorded on each of the person's cases.
        assert!(
            c.history
                .iter()
                .any(|e| e.kind == "subject_access" && e.detail.contains(&written.file_name))
        );
    }
    assert!(flat.contains("Timeline"));
    // Nobody else's record.
    for other in all.iter().filter(|c| c.subject_name != repeat.subject_name) {
        assert!(
            !text.contains(&other.reference),
            "another case's reference: {}",
            other.reference
        );
    }
    // Asked again: never replaced unasked.
    let again = exports::write_report(
        &mut store,
        &request,
        &folder,
        false,
        None,
        chrono::Utc::now(),
    );
    assert!(matches!(again, Err(CoreError::Conflict(_))));
}

crate::on_both_engines!(
    super::demo_sqlite, super::demo_postgres;
    a_repeat_persons_timeline_covers_both_referrals_in_order,
);
