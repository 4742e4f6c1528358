//! The hot screens' queries use their indexes on PostgreSQL too. The demo
//! borough is loaded and the same screens as `query_plans.rs` are run
//! (cockpit, agenda, tracker, statistics, search, an edit, the documents);
//! every statement the store ran is then explained under its generic plan
//! (the plan for any parameter values) with sequential scans, hash and
//! merge joins priced out, as on a borough's years of data where each row
//! must be found by its index; statistics are gathered first, so the plans
//! do not depend on whether the server's autovacuum got there. A
//! sequential scan of a table that grows with the years is then left only
//! where no index could serve at all: a bug. (An index walked end to end is
//! not judged: on the demo's few rows the planner picks one or not by cost
//! ties that change from run to run.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use chrono::{Days, TimeZone, Utc};
use common::today;
use postgres::Client;
use roundtable_core::domain::meeting::{MeetingInput, MeetingKind};
use roundtable_core::domain::running::{ShareInput, ShareState};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::tracker::{self, ActionFilter};
use roundtable_core::features::{agencies, cockpit, demo, documents, meetings, running};
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;

use crate::common::growing;

/// Tables that grow with every meeting: a full scan of one is a bug.
const BIG: &[&str] = growing::GROWING_TABLES;

/// How `sql` would read a growing table whole under its generic plan, if it would.
fn full_scans(client: &mut Client, n: usize, sql: &str, types: &[&str]) -> Vec<String> {
    let name = format!("plan_{n}");
    let declared = if types.is_empty() {
        String::new()
    } else {
        format!("({})", types.join(", "))
    };
    client
        .batch_execute(&format!("PREPARE {name} {declared} AS {sql}"))
        .unwrap_or_else(|e| panic!("PREPARE failed ({e}) for:\n{sql}"));
    let nulls = vec!["NULL"; types.len()].join(", ");
    let args = if types.is_empty() {
        String::new()
    } else {
        format!("({nulls})")
    };
    let plan: serde_json::Value = client
        .query_one(&format!("EXPLAIN (FORMAT JSON) EXECUTE {name}{args}"), &[])
        .unwrap()
        .get(0);
    client.batch_execute(&format!("DEALLOCATE {name}")).unwrap();
    let mut found = Vec::new();
    whole_reads(&plan[0]["Plan"], &mut found);
    found
}

/// Plan nodes that read a growing table whole: a sequential scan, chosen
/// though it was priced out, because no index can serve.
fn whole_reads(node: &serde_json::Value, found: &mut Vec<String>) {
    let kind = node["Node Type"].as_str().unwrap_or_default();
    let table = node["Relation Name"].as_str().unwrap_or_default();
    if kind == "Seq Scan" && BIG.contains(&table) {
        found.push(format!("{kind} on {table}"));
    }
    for child in node["Plans"].as_array().into_iter().flatten() {
        whole_reads(child, found);
    }
}

fn explainer(database: &ScratchDatabase) -> Client {
    let mut client = database.client();
    client
        .batch_execute(
            "ANALYZE; SET enable_seqscan = off; SET enable_hashjoin = off; \
             SET enable_mergejoin = off; SET plan_cache_mode = force_generic_plan;",
        )
        .unwrap();
    client
}

#[test]
fn a_full_scan_is_caught_on_postgres() {
    let database = ScratchDatabase::new();
    drop(database.store());
    let mut client = explainer(&database);
    let found = full_scans(
        &mut client,
        1,
        "SELECT a.id FROM action a WHERE a.text = $1",
        &["unknown"],
    );
    assert_eq!(found.len(), 1, "{found:?}");
    let by_meeting = "SELECT a.id FROM action a WHERE a.meeting_id = $1";
    assert!(full_scans(&mut client, 2, by_meeting, &["unknown"]).is_empty());
}

/// The hot screens, as a coordinator and a chair use them.
fn run_the_hot_screens(store: &mut PgStore) {
    let now = Utc.from_utc_datetime(&today().and_hms_opt(10, 0, 0).unwrap());
    let (meeting, case, agency) = store
        .read(|db| {
            let next = meetings::list(db, None)?
                .into_iter()
                .find(|m| m.status != "held")
                .unwrap();
            let meeting = meetings::get(db, next.id)?;
            let case = meeting
                .items
                .iter()
                .find_map(|i| i.case.as_ref())
                .unwrap()
                .id;
            cockpit::case_in_meeting(db, meeting.id, case, today())?;
            cockpit::meeting_now(db, meeting.id, now, now.naive_utc())?;
            let agency = agencies::list(db)?[0].id;
            let filter = ActionFilter {
                agency_id: Some(agency),
                ..ActionFilter::open()
            };
            tracker::list(db, &filter, today())?;
            let year = StatisticsRequest {
                panel_id: meeting.panel_id,
                from: (today() - Days::new(364)).format("%Y-%m-%d").to_string(),
                to: today().format("%Y-%m-%d").to_string(),
            };
            statistics::compute(db, &year, today())?;
            for query in ["okafor", "nguyen van", "01/02/2010", "YM-2"] {
                let filter = CaseFilter {
                    query: query.into(),
                    ..CaseFilter::default()
                };
                cases::list(db, &filter, today())?;
            }
            Ok((meeting, case, agency))
        })
        .unwrap();
    let input = MeetingInput {
        panel_id: meeting.panel_id,
        kind: MeetingKind::Scheduled,
        date: (today() + Days::new(40)).format("%Y-%m-%d").to_string(),
        start_time: "09:30".into(),
        venue: String::new(),
        chair: String::new(),
        minute_taker: String::new(),
        expected_agency_ids: vec![],
    };
    meetings::create(store, &input, today()).unwrap();
    let share = ShareInput {
        state: ShareState::Known,
        facts: "Seen at the station.".into(),
        opinion: String::new(),
        withheld: String::new(),
        withheld_reason: String::new(),
        based_on: None,
    };
    running::share(store, meeting.id, case, agency, &share).unwrap();
    store
        .read(|db| {
            documents::minutes(db, meeting.id, now)?;
            documents::action_plan(db, meeting.id, agency, now)
        })
        .unwrap();
}

#[test]
fn hot_queries_use_their_indexes_on_postgres() {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    store.set_actor("Yusuf Ali");
    demo::load(&mut store, today()).unwrap();
    run_the_hot_screens(&mut store);

    let mut client = explainer(&database);
    let mut checked = 0;
    let mut scans = Vec::new();
    for (n, (sql, types)) in store.statements_run().iter().enumerate() {
        if !growing::reads_or_writes_rows(sql) {
            continue;
        }
        checked += 1;
        for line in full_scans(&mut client, n, sql, types) {
            scans.push(format!("{line} in:\n{sql}"));
        }
    }
    assert!(
        checked > 60,
        "the screens ran their queries ({checked} checked)"
    );
    assert!(
        scans.is_empty(),
        "{} statements scan a growing table in full:\n\n{}",
        scans.len(),
        scans.join("\n\n")
    );
}
