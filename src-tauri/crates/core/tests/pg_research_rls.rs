//! Research before a meeting, decided by PostgreSQL (migration 19), proven
//! in SQL as the server's role over every agency of the demo borough once
//! the next meeting's case list is published, two agencies have answered,
//! one has been reminded and the panel has recorded another's share: each
//! agency sees the cases of its own actions and of the agendas it is asked
//! to research, its own expectations, requests, reminders and answers, and
//! not one row more in any table; an agency not expected at the meeting
//! sees nothing of it. An agency writes only its own answers, marked as
//! research, on a case on that agenda. Once the meeting is held, no agency
//! sees its agenda or its answers (migration 27).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use chrono::Days;
use postgres::Client;
use roundtable_core::dates::local_today;
use roundtable_core::domain::research::ResearchRequestInput;
use roundtable_core::domain::running::{ShareInput, ShareState};
use roundtable_core::domain::{AgencyInput, Sector};
use roundtable_core::features::research::{self, agency};
use roundtable_core::features::{agencies, demo, meetings, running};
use roundtable_core::store::pg::HISTORY_TABLE;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use uuid::Uuid;

fn ids(client: &mut Client, sql: &str, agency: &str) -> BTreeSet<String> {
    let rows = if sql.contains("$1") {
        client.query(sql, &[&agency]).unwrap()
    } else {
        client.query(sql, &[]).unwrap()
    };
    rows.iter().map(|r| r.get::<_, String>(0)).collect()
}

fn set_agency(app: &mut Client, agency: &str) {
    app.execute(
        "SELECT set_config('roundtable.agency', $1, false)",
        &[&agency],
    )
    .unwrap();
}

/// The meetings agency `$1` is asked to research, as the owner knows them.
const ASKED: &str = "SELECT r.meeting_id FROM research_request r
    JOIN meeting_expected_agency e ON e.meeting_id = r.meeting_id WHERE e.agency_id = $1::text::uuid";

/// Of those, the meetings not yet held: research ends with the meeting
/// (migration 27).
const RESEARCHING: &str = "SELECT r.meeting_id FROM research_request r
    JOIN meeting_expected_agency e ON e.meeting_id = r.meeting_id
    JOIN meeting m ON m.id = r.meeting_id WHERE e.agency_id = $1::text::uuid AND m.status <> 'held'";

/// Each table the agency may see: what it is shown, what the owner says
/// it may see.
fn visible() -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("action", "SELECT id::text FROM action",
         "SELECT id::text FROM action WHERE agency_id = $1::text::uuid".into()),
        ("action_update", "SELECT id::text FROM action_update",
         "SELECT u.id::text FROM action_update u JOIN action a ON a.id = u.action_id
           WHERE a.agency_id = $1::text::uuid".into()),
        ("agency", "SELECT id::text FROM agency",
         "SELECT id::text FROM agency WHERE id = $1::text::uuid".into()),
        ("person_case", "SELECT id::text FROM person_case",
         format!("SELECT case_id::text FROM action WHERE agency_id = $1::text::uuid AND case_id IS NOT NULL
           UNION SELECT case_id::text FROM agenda_item WHERE case_id IS NOT NULL AND meeting_id IN ({RESEARCHING})")),
        ("meeting", "SELECT id::text FROM meeting",
         format!("SELECT meeting_id::text FROM action WHERE agency_id = $1::text::uuid
           UNION SELECT meeting_id::text FROM ({RESEARCHING}) asked")),
        ("panel", "SELECT id::text FROM panel",
         format!("SELECT m.panel_id::text FROM meeting m WHERE m.id IN
           (SELECT meeting_id FROM action WHERE agency_id = $1::text::uuid UNION {RESEARCHING})")),
        ("agenda_item", "SELECT id::text FROM agenda_item",
         format!("SELECT id::text FROM agenda_item WHERE case_id IS NOT NULL AND meeting_id IN ({RESEARCHING})")),
        ("meeting_expected_agency", "SELECT meeting_id::text FROM meeting_expected_agency",
         format!("SELECT meeting_id::text FROM ({RESEARCHING}) asked")),
        ("research_request", "SELECT meeting_id::text FROM research_request",
         format!("SELECT meeting_id::text FROM ({ASKED}) asked")),
        ("research_reminder", "SELECT meeting_id::text FROM research_reminder",
         format!("SELECT meeting_id::text FROM research_reminder
           WHERE agency_id = $1::text::uuid AND meeting_id IN ({RESEARCHING})")),
        ("information_share",
         "SELECT meeting_id::text || '/' || case_id::text || '/' || agency_id::text FROM information_share",
         format!("SELECT meeting_id::text || '/' || case_id::text || '/' || agency_id::text
           FROM information_share WHERE agency_id = $1::text::uuid AND meeting_id IN ({RESEARCHING})")),
    ]
}

fn answer(facts: &str) -> ShareInput {
    ShareInput {
        state: ShareState::Known,
        facts: facts.into(),
        opinion: String::new(),
        withheld: String::new(),
        withheld_reason: String::new(),
        based_on: None,
    }
}

struct Published {
    database: ScratchDatabase,
    meeting: Uuid,
    cases: Vec<Uuid>,
    expected: Vec<Uuid>,
    stranger: Uuid,
}

/// The demo, its next meeting published for research and partly answered.
fn published() -> Published {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    let today = local_today();
    demo::load(&mut store, today).unwrap();
    let mut owner = database.client();
    let meeting: Uuid = owner
        .query_one(
            "SELECT id FROM meeting WHERE status <> 'held' ORDER BY date DESC LIMIT 1",
            &[],
        )
        .unwrap()
        .get(0);
    let cases: Vec<Uuid> = owner
        .query(
            "SELECT case_id FROM agenda_item WHERE meeting_id = $1 AND case_id IS NOT NULL",
            &[&meeting],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let expected: Vec<Uuid> = owner
        .query(
            "SELECT agency_id FROM meeting_expected_agency WHERE meeting_id = $1",
            &[&meeting],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        cases.len() >= 2 && expected.len() >= 4,
        "{} cases, {} agencies",
        cases.len(),
        expected.len()
    );
    // An agency joined after the meeting was planned: not asked.
    let stranger = agencies::create(
        &mut store,
        &AgencyInput {
            name: "Lowbridge Housing Trust".into(),
            short_code: "LHT".into(),
            sector: Some(Sector::Housing),
            secure_email: String::new(),
            representatives: Vec::new(),
        },
    )
    .unwrap()
    .id;
    let due = ResearchRequestInput {
        due_on: today.checked_add_days(Days::new(7)).unwrap().to_string(),
    };
    research::publish(&mut store, meeting, &due, today).unwrap();
    agency::answer_case(
        &mut store,
        expected[0],
        (meeting, cases[0]),
        &answer("Known to us: A"),
        today,
    )
    .unwrap();
    agency::answer_case(
        &mut store,
        expected[1],
        (meeting, cases[1]),
        &answer("Known to us: B"),
        today,
    )
    .unwrap();
    research::remind(&mut store, meeting, expected[2], today).unwrap();
    running::share(
        &mut store,
        meeting,
        cases[0],
        expected[3],
        &answer("Said in the meeting"),
    )
    .unwrap();
    Published {
        database,
        meeting,
        cases,
        expected,
        stranger,
    }
}

#[test]
fn every_agency_sees_what_it_researches_and_its_actions_and_nothing_else() {
    let p = published();
    sweep(&p);
    let mut app = p.database.app_login().connect(postgres::NoTls).unwrap();
    // The agency not asked sees nothing of the meeting or its cases.
    set_agency(&mut app, &p.stranger.to_string());
    let meetings = ids(&mut app, "SELECT id::text FROM meeting", "");
    assert!(!meetings.contains(&p.meeting.to_string()));
    assert!(ids(&mut app, "SELECT id::text FROM person_case", "").is_empty());
    // An asked agency sees its own answer and no other agency's words.
    set_agency(&mut app, &p.expected[0].to_string());
    let facts = ids(
        &mut app,
        "SELECT coalesce(facts, '') FROM information_share",
        "",
    );
    assert_eq!(facts, BTreeSet::from(["Known to us: A".to_owned()]));
}

#[test]
fn once_the_meeting_is_held_no_agency_sees_its_case_list() {
    let p = published();
    meetings::mark_held(&mut p.database.store(), p.meeting).unwrap();
    sweep(&p);
    let mut owner = p.database.client();
    let mut app = p.database.app_login().connect(postgres::NoTls).unwrap();
    for asked in &p.expected {
        let agency = asked.to_string();
        assert!(ids(&mut owner, RESEARCHING, &agency).is_empty());
        set_agency(&mut app, &agency);
        assert!(ids(&mut app, "SELECT id::text FROM agenda_item", "").is_empty());
        assert!(ids(&mut app, "SELECT case_id::text FROM information_share", "").is_empty());
        let cases = ids(&mut app, "SELECT id::text FROM person_case", "");
        let actions = ids(
            &mut owner,
            "SELECT case_id::text FROM action WHERE agency_id = $1::text::uuid AND case_id IS NOT NULL",
            &agency,
        );
        assert_eq!(cases, actions, "only the cases of its own actions");
    }
}

/// Every agency against every table: what it is shown is exactly what the
/// rules say, and of any other table nothing.
fn sweep(p: &Published) {
    let mut owner = p.database.client();
    let mut app = p.database.app_login().connect(postgres::NoTls).unwrap();
    let agencies = ids(&mut owner, "SELECT id::text FROM agency", "");
    let tables = ids(
        &mut owner,
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'",
        "",
    );
    let visible = visible();
    for agency in &agencies {
        set_agency(&mut app, agency);
        for (table, shown, owned) in &visible {
            let seen = ids(&mut app, shown, agency);
            let allowed = ids(&mut owner, owned, agency);
            assert_eq!(seen, allowed, "{table} as agency {agency}");
        }
        for table in &tables {
            let outside = [
                "account",
                "account_session",
                "account_invitation",
                HISTORY_TABLE,
            ];
            if outside.contains(&table.as_str()) || visible.iter().any(|(t, _, _)| t == table) {
                continue;
            }
            let n: i64 = app
                .query_one(&format!("SELECT count(*) FROM {table}"), &[])
                .unwrap()
                .get(0);
            assert_eq!(n, 0, "agency {agency} sees rows of {table}");
        }
    }
}

#[test]
fn an_agency_writes_only_its_own_research_on_the_published_agenda() {
    let p = published();
    let mut owner = p.database.client();
    let mut app = p.database.app_login().connect(postgres::NoTls).unwrap();
    let (me, other) = (p.expected[0].to_string(), p.expected[1].to_string());
    set_agency(&mut app, &me);
    app.batch_execute("SELECT set_config('roundtable.actor', 'A representative', false)")
        .unwrap();
    let insert = |app: &mut Client, case: Uuid, agency: &str, researched: bool| {
        app.execute(
            "INSERT INTO information_share (meeting_id, case_id, agency_id, state, facts, updated_at,
                updated_by, researched_at)
             VALUES ($1, $2, $3::text::uuid, 'known', 'x', now(), 'A representative',
                CASE WHEN $4 THEN now() END)",
            &[&p.meeting, &case, &agency, &researched],
        )
    };
    let refused = |result: Result<u64, postgres::Error>, why: &str| {
        let err = result.expect_err(why);
        assert!(
            format!("{err:?}").contains("row-level security"),
            "{why}: {err:?}"
        );
    };
    refused(
        insert(&mut app, p.cases[1], &other, true),
        "another agency's answer",
    );
    refused(
        insert(&mut app, p.cases[1], &me, false),
        "a share not marked as research",
    );
    let elsewhere: Uuid = owner
        .query_one(
            "SELECT id FROM person_case WHERE id NOT IN (SELECT case_id FROM agenda_item
               WHERE meeting_id = $1 AND case_id IS NOT NULL) LIMIT 1",
            &[&p.meeting],
        )
        .unwrap()
        .get(0);
    refused(
        insert(&mut app, elsewhere, &me, true),
        "a case not on the agenda",
    );
    assert_eq!(insert(&mut app, p.cases[1], &me, true).unwrap(), 1);
    let changed = app
        .execute(
            "UPDATE information_share SET facts = 'overwritten' WHERE agency_id = $1::text::uuid",
            &[&other],
        )
        .unwrap();
    assert_eq!(changed, 0, "another agency's answer was changed");
    // Not asked: writes nothing even for itself.
    set_agency(&mut app, &p.stranger.to_string());
    refused(
        insert(&mut app, p.cases[0], &p.stranger.to_string(), true),
        "an agency not asked",
    );
    let theirs: String = owner
        .query_one(
            "SELECT facts FROM information_share WHERE meeting_id = $1 AND agency_id = $2",
            &[&p.meeting, &p.expected[1]],
        )
        .unwrap()
        .get(0);
    assert_eq!(theirs, "Known to us: B");
}
