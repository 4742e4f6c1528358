//! The hot screens' queries use their indexes: on a small generated borough,
//! every SQL statement the cockpit, the agenda, the action tracker, the
//! statistics, the search, an edit and the documents run is captured as it
//! runs (SQLite's statement trace), then `EXPLAIN QUERY PLAN` must show no
//! full `SCAN` of a table that grows with the years. Timings are the scale
//! benchmark's business; this catches a plan that would make them grow.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::{Days, TimeZone, Utc};
use roundtable_core::Store;
use roundtable_core::domain::running::{ShareInput, ShareState};
use roundtable_core::features::cases::{self, CaseFilter};
use roundtable_core::features::statistics::{self, StatisticsRequest};
use roundtable_core::features::tracker::{self, ActionFilter};
use roundtable_core::features::{cockpit, documents, meetings, running};
use roundtable_core::scale::{self, Spec};
use rusqlite::trace::{TraceEvent, TraceEventCodes};

use crate::common::growing;

/// Tables that grow with every meeting: a full scan of one is a bug.
const BIG: &[&str] = growing::GROWING_TABLES;

static SEEN: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, _) = event {
        SEEN.lock().unwrap().push(stmt.sql().into_owned());
    }
}

/// The table a plan line scans in full, if it does: "SCAN a" or
/// "SCAN action AS a"; not "SCAN ... USING INDEX" nor a subquery or a
/// temporary b-tree.
fn full_scan(detail: &str) -> Option<&str> {
    let rest = detail.strip_prefix("SCAN ")?;
    if rest.contains(" USING ") || rest.starts_with("CONSTANT") {
        return None;
    }
    rest.split_whitespace().next()
}

/// The table behind `name` in `sql`: itself, or the table it aliases
/// ("person_case c", "action AS a").
fn table_of(sql: &str, name: &str) -> Option<String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    if words.contains(&name) && BIG.contains(&name) {
        return Some(name.to_string());
    }
    words.windows(3).find_map(|w| match w {
        [table, alias, _] if *alias == name && BIG.contains(table) => Some((*table).to_string()),
        [table, as_, alias] if as_.eq_ignore_ascii_case("AS") && *alias == name => {
            Some((*table).to_string())
        }
        _ => None,
    })
}

/// The growing tables `sql` scans in full, with the plan line that says so.
fn full_scans(conn: &rusqlite::Connection, sql: &str) -> Vec<(String, String)> {
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
    // Parameters left unbound: the plan does not depend on their values
    // (SQLite keeps no statistics here).
    let mut rows = stmt.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().unwrap() {
        let detail: String = row.get(3).unwrap();
        if let Some(table) = full_scan(&detail).and_then(|name| table_of(sql, name))
            && BIG.contains(&table.as_str())
        {
            out.push((table, detail));
        }
    }
    out
}

#[test]
fn a_full_scan_is_caught_through_its_alias() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(&dir.path().join("t.db"), "query plan passphrase").unwrap();
    let found = full_scans(store.conn(), "SELECT a.id FROM action a WHERE a.text = ?1");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "action");
    assert!(
        full_scans(
            store.conn(),
            "SELECT a.id FROM action a WHERE a.meeting_id = ?1"
        )
        .is_empty(),
        "a search by index is fine"
    );
}

#[test]
fn hot_queries_use_their_indexes() {
    let spec = Spec::small(11);
    let today = spec.today;
    let now = Utc.from_utc_datetime(&today.and_hms_opt(10, 0, 0).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("plans.db"), "query plan passphrase").unwrap();
    scale::generate(&mut store, &spec).unwrap();
    let marks = scale::landmarks(store.conn()).unwrap();
    let meeting = meetings::get(store.conn(), marks.big_meeting).unwrap();
    let case = meeting
        .items
        .iter()
        .find_map(|i| i.case.as_ref())
        .unwrap()
        .id;

    store
        .conn()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    // The cockpit.
    cockpit::case_in_meeting(store.conn(), meeting.id, case, today).unwrap();
    cockpit::meeting_now(store.conn(), meeting.id, now, now.naive_utc()).unwrap();
    // The agenda: read, and a new meeting's built from the cases waiting.
    meetings::get(store.conn(), meeting.id).unwrap();
    meetings::create(
        &mut store,
        &roundtable_core::domain::meeting::MeetingInput {
            panel_id: marks.big_meeting_panel,
            kind: roundtable_core::domain::meeting::MeetingKind::Scheduled,
            date: (today + Days::new(10)).format("%Y-%m-%d").to_string(),
            start_time: "09:30".into(),
            venue: String::new(),
            chair: String::new(),
            minute_taker: String::new(),
            expected_agency_ids: vec![],
        },
        today,
    )
    .unwrap();
    // The action tracker.
    let filter = ActionFilter {
        agency_id: Some(marks.busiest_agency),
        ..ActionFilter::open()
    };
    tracker::list(store.conn(), &filter, today).unwrap();
    // A year's statistics.
    let year = StatisticsRequest {
        panel_id: marks.big_meeting_panel,
        from: (today - Days::new(364)).format("%Y-%m-%d").to_string(),
        to: today.format("%Y-%m-%d").to_string(),
    };
    statistics::compute(store.conn(), &year, today).unwrap();
    // Search by name, date of birth and reference.
    for query in ["okafor", "nguyen van", "01/02/2010", "MA-2"] {
        let filter = CaseFilter {
            panel_id: None,
            status: None,
            query: query.into(),
        };
        cases::list(store.conn(), &filter, today).unwrap();
    }
    // An edit while the meeting runs.
    running::share(
        &mut store,
        meeting.id,
        case,
        marks.present[0],
        &ShareInput {
            state: ShareState::Known,
            facts: "Seen at the station.".into(),
            opinion: String::new(),
            withheld: String::new(),
            withheld_reason: String::new(),
            based_on: None,
        },
    )
    .unwrap();
    // The minutes and an agency's action plan (reading; layout has no SQL).
    documents::minutes(store.conn(), meeting.id, now).unwrap();
    documents::action_plan(store.conn(), meeting.id, marks.present[0], now).unwrap();
    store.conn().trace_v2(TraceEventCodes::empty(), None);

    let statements: BTreeSet<String> = SEEN.lock().unwrap().drain(..).collect();
    let mut checked = 0;
    let mut scans = Vec::new();
    for sql in &statements {
        if !growing::reads_or_writes_rows(sql) {
            continue;
        }
        checked += 1;
        for (table, detail) in full_scans(store.conn(), sql) {
            scans.push(format!("{table} (\"{detail}\") in:\n{sql}"));
        }
    }
    assert!(
        checked > 40,
        "the hot screens ran their queries ({checked} checked)"
    );
    assert!(
        scans.is_empty(),
        "hot queries scan a growing table in full:\n\n{}",
        scans.join("\n\n")
    );
}
