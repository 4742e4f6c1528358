//! What an agency's representative may see and change between meetings,
//! decided by PostgreSQL (migration 17), proven in SQL as the server's role
//! over every agency of the demo borough: its own actions and their
//! reports, the cases, meetings and panels those actions belong to, its own
//! agency's row, and not one row more in any table; it may report on its
//! own actions and on no one else's, and may not hand an action to another
//! agency, add an action or remove one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use postgres::Client;
use roundtable_core::store::pg::HISTORY_TABLE;
use roundtable_core::store::pg::scratch::ScratchDatabase;

fn as_the_app(database: &ScratchDatabase) -> Client {
    database.app_login().connect(postgres::NoTls).unwrap()
}

/// The ids (as text) a query returns.
fn ids(client: &mut Client, sql: &str, agency: &str) -> BTreeSet<String> {
    let rows = if sql.contains("$1") {
        client.query(sql, &[&agency]).unwrap()
    } else {
        client.query(sql, &[]).unwrap()
    };
    rows.iter().map(|r| r.get::<_, String>(0)).collect()
}

/// What the owner says agency `$1` may see of each table it may see.
const VISIBLE: [(&str, &str, &str); 6] = [
    (
        "action",
        "SELECT id::text FROM action",
        "SELECT id::text FROM action WHERE agency_id = $1::text::uuid",
    ),
    (
        "action_update",
        "SELECT id::text FROM action_update",
        "SELECT u.id::text FROM action_update u JOIN action a ON a.id = u.action_id
          WHERE a.agency_id = $1::text::uuid",
    ),
    (
        "person_case",
        "SELECT id::text FROM person_case",
        "SELECT DISTINCT case_id::text FROM action WHERE agency_id = $1::text::uuid AND case_id IS NOT NULL",
    ),
    (
        "meeting",
        "SELECT id::text FROM meeting",
        "SELECT DISTINCT meeting_id::text FROM action WHERE agency_id = $1::text::uuid",
    ),
    (
        "panel",
        "SELECT id::text FROM panel",
        "SELECT DISTINCT m.panel_id::text FROM action a JOIN meeting m ON m.id = a.meeting_id
          WHERE a.agency_id = $1::text::uuid",
    ),
    (
        "agency",
        "SELECT id::text FROM agency",
        "SELECT id::text FROM agency WHERE id = $1::text::uuid",
    ),
];

fn set_agency(app: &mut Client, agency: &str) {
    app.execute(
        "SELECT set_config('roundtable.agency', $1, false)",
        &[&agency],
    )
    .unwrap();
}

#[test]
fn every_agency_sees_its_own_actions_and_their_cases_and_nothing_else() {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    roundtable_core::features::demo::load(&mut store, roundtable_core::dates::local_today())
        .unwrap();
    let mut owner = database.client();
    let mut app = as_the_app(&database);
    let agencies = ids(&mut owner, "SELECT id::text FROM agency", "");
    let tables = ids(
        &mut owner,
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r'",
        "",
    );
    let mut with_actions = 0;
    for agency in &agencies {
        set_agency(&mut app, agency);
        for (table, shown, owned) in VISIBLE {
            let seen = ids(&mut app, shown, agency);
            let allowed = ids(&mut owner, owned, agency);
            assert_eq!(seen, allowed, "{table} as agency {agency}");
        }
        if !ids(&mut owner, VISIBLE[0].2, agency).is_empty() {
            with_actions += 1;
        }
        // Every other table of the records: nothing at all.
        for table in &tables {
            let outside = [
                "account",
                "account_session",
                "account_invitation",
                HISTORY_TABLE,
            ];
            if outside.contains(&table.as_str()) || VISIBLE.iter().any(|(t, _, _)| t == table) {
                continue;
            }
            let n: i64 = app
                .query_one(&format!("SELECT count(*) FROM {table}"), &[])
                .unwrap()
                .get(0);
            assert_eq!(n, 0, "agency {agency} sees rows of {table}");
        }
    }
    assert!(
        with_actions >= 3 && agencies.len() > with_actions,
        "the sweep covered {with_actions} agencies with actions of {}",
        agencies.len()
    );
}

#[test]
fn an_agency_reports_on_its_own_actions_and_on_no_one_elses() {
    let database = ScratchDatabase::new();
    let mut store = database.store();
    roundtable_core::features::demo::load(&mut store, roundtable_core::dates::local_today())
        .unwrap();
    let mut owner = database.client();
    let mut app = as_the_app(&database);
    let pair = owner
        .query_one(
            "SELECT a.id::text, a.agency_id::text, b.id::text, b.agency_id::text
               FROM action a JOIN action b ON b.agency_id <> a.agency_id LIMIT 1",
            &[],
        )
        .unwrap();
    let (ours, agency, theirs, other) = (
        pair.get::<_, String>(0),
        pair.get::<_, String>(1),
        pair.get::<_, String>(2),
        pair.get::<_, String>(3),
    );
    let status_of = |owner: &mut Client, id: &str| -> String {
        owner
            .query_one(
                "SELECT status FROM action WHERE id = $1::text::uuid",
                &[&id],
            )
            .unwrap()
            .get(0)
    };
    let before = status_of(&mut owner, &theirs);
    set_agency(&mut app, &agency);
    app.batch_execute("SELECT set_config('roundtable.actor', 'A representative', false)")
        .unwrap();

    // Its own: reported on.
    let changed = app
        .execute(
            "UPDATE action SET status = 'in_progress' WHERE id = $1::text::uuid",
            &[&ours],
        )
        .unwrap();
    assert_eq!(changed, 1);
    app.execute(
        "INSERT INTO action_update (id, action_id, at, status, note, recorded_by)
         VALUES (gen_random_uuid(), $1::text::uuid, now(), 'in_progress', 'Visit booked', 'A representative')",
        &[&ours],
    )
    .unwrap();

    // Another agency's: not there to change, and no report under it.
    let changed = app
        .execute(
            "UPDATE action SET status = 'not_done_agency' WHERE id = $1::text::uuid",
            &[&theirs],
        )
        .unwrap();
    assert_eq!(changed, 0, "another agency's action was changed");
    let refused = app
        .execute(
            "INSERT INTO action_update (id, action_id, at, status, note, recorded_by)
             VALUES (gen_random_uuid(), $1::text::uuid, now(), 'done', 'Not ours', 'A representative')",
            &[&theirs],
        )
        .unwrap_err();
    assert!(
        format!("{refused:?}").contains("row-level security"),
        "{refused:?}"
    );

    // Its own may not be handed to another agency, nor removed; no action is added.
    let handed = app
        .execute(
            "UPDATE action SET agency_id = $2::text::uuid WHERE id = $1::text::uuid",
            &[&ours, &other],
        )
        .unwrap_err();
    assert!(
        format!("{handed:?}").contains("row-level security"),
        "{handed:?}"
    );
    let removed = app
        .execute("DELETE FROM action WHERE id = $1::text::uuid", &[&ours])
        .unwrap();
    assert_eq!(removed, 0, "an agency removed its action");
    let added = app
        .batch_execute(&format!(
            "INSERT INTO action (id, meeting_id, agency_id, text, status, position, created_at, created_by, updated_at)
             SELECT gen_random_uuid(), meeting_id, agency_id, 'Self-assigned', 'open', 99, now(), 'x', now()
               FROM action WHERE id = '{ours}'"
        ))
        .unwrap_err();
    assert!(
        format!("{added:?}").contains("row-level security"),
        "{added:?}"
    );

    assert_eq!(status_of(&mut owner, &theirs), before);
    assert_eq!(status_of(&mut owner, &ours), "in_progress");
}
