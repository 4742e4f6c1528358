//! A meeting's agenda items, and the cases waiting to go on one. Runs on
//! both engines; the order of an agenda is decided in `features::agenda`.

use std::sync::LazyLock;

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Db, Dialect, ToValue, Values};

/// A case that could go on an agenda: id, children in the household, and
/// the date it was referred.
pub type Candidate = (String, u32, String);

fn candidate(r: &Values) -> CoreResult<Candidate> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

/// Not already on the agenda of a meeting still to come (today or later, not
/// held, and the case not yet heard there). `?2` is today's date.
const NOT_ON_A_PLANNED_AGENDA: &str = "NOT EXISTS (SELECT 1 FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
      WHERE i.case_id = c.id AND m.status = 'planned' AND m.date >= ?2 AND i.kind IN ('new_case', 'review_case')
        AND NOT EXISTS (SELECT 1 FROM hearing h WHERE h.case_id = c.id AND h.meeting_id = m.id))";

/// Cases accepted onto the panel's next agenda and not yet placed.
pub fn accepted_cases(db: &dyn Db, panel_id: &str, today: &str) -> CoreResult<Vec<Candidate>> {
    db.rows(
        &format!(
            "SELECT c.id, c.children_count, c.referral_date FROM person_case c
             WHERE c.panel_id = ?1 AND c.status = 'accepted' AND {NOT_ON_A_PLANNED_AGENDA}"
        ),
        &[&panel_id, &today],
        candidate,
    )
}

/// Cases heard before `date` whose review falls due by then.
pub fn review_cases(
    db: &dyn Db,
    panel_id: &str,
    date: &str,
    today: &str,
) -> CoreResult<Vec<Candidate>> {
    db.rows(
        &format!(
            "SELECT c.id, c.children_count, c.referral_date FROM person_case c
             JOIN hearing h ON h.case_id = c.id
                AND h.heard_on = (SELECT max(heard_on) FROM hearing WHERE case_id = c.id)
             WHERE c.panel_id = ?1 AND c.status IN ('heard', 'under_review') AND h.heard_on < ?3
               AND (h.review_due IS NULL OR h.review_due <= ?3) AND {NOT_ON_A_PLANNED_AGENDA}
             ORDER BY h.heard_on, c.reference"
        ),
        &[&panel_id, &today, &date],
        candidate,
    )
}

/// Cases whose last hearing fell after `after` and on or before `until`.
pub fn last_heard_between(
    db: &dyn Db,
    panel_id: &str,
    after: &str,
    until: &str,
) -> CoreResult<Vec<Candidate>> {
    db.rows(
        // From the few hearings in the window (by date), not from every
        // case of the panel: CROSS JOIN keeps SQLite's planner to that
        // order (PostgreSQL plans it as the inner join it is). A hearing
        // with none after it is the case's last.
        "SELECT c.id, c.children_count, c.referral_date FROM hearing h
         CROSS JOIN person_case c
         WHERE c.id = h.case_id AND c.panel_id = ?1 AND c.status <> 'redirected'
           AND h.heard_on <= ?3 AND h.heard_on > ?2
           AND NOT EXISTS (SELECT 1 FROM hearing l WHERE l.case_id = h.case_id AND l.heard_on > h.heard_on)
         ORDER BY h.heard_on, c.reference",
        &[&panel_id, &after, &until],
        candidate,
    )
}

/// Inserts a new meeting's items in order (positions from 0): kind, case,
/// title, planned minutes.
pub fn insert_items(
    db: &dyn Db,
    meeting_id: &str,
    items: &[(&str, Option<&str>, &str, u32)],
) -> CoreResult<()> {
    let ids: Vec<String> = items.iter().map(|_| Uuid::new_v4().to_string()).collect();
    let positions: Vec<usize> = (0..items.len()).collect();
    let mut params: Vec<&dyn ToValue> = Vec::with_capacity(items.len() * 7);
    for ((id, position), (kind, case_id, title, minutes)) in ids.iter().zip(&positions).zip(items) {
        params.extend([
            id as &dyn ToValue,
            &meeting_id,
            position,
            kind,
            case_id,
            title,
            minutes,
        ]);
    }
    super::insert_rows(
        db,
        "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes) VALUES",
        "",
        7,
        &params,
    )
}

/// One item, at `position`.
pub fn insert_item(
    db: &dyn Db,
    meeting_id: &str,
    position: usize,
    item: (&str, Option<&str>, &str, u32),
) -> CoreResult<String> {
    let id = Uuid::new_v4().to_string();
    let (kind, case_id, title, minutes) = item;
    let values: [&dyn ToValue; 7] = [
        &id,
        &meeting_id,
        &position,
        &kind,
        &case_id,
        &title,
        &minutes,
    ];
    db.execute(
        "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &values,
    )?;
    Ok(id)
}

/// The items in order: id, kind, and children in the case's household.
pub fn items(db: &dyn Db, meeting_id: &str) -> CoreResult<Vec<(String, String, u32)>> {
    db.rows(
        "SELECT i.id, i.kind, coalesce(c.children_count, 0) FROM agenda_item i
         LEFT JOIN person_case c ON c.id = i.case_id WHERE i.meeting_id = ?1 ORDER BY i.position",
        &[&meeting_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Numbers the items 0, 1, 2... in the order given: one statement for a
/// whole agenda (moving an item renumbers all of them, and on PostgreSQL
/// each statement is a round trip), its positions written into it.
pub fn renumber(db: &dyn Db, ids: &[String]) -> CoreResult<()> {
    let mut first = 0;
    for chunk in ids.chunks(super::IN_LIST) {
        let when: String = (1..=chunk.len())
            .map(|n| format!(" WHEN ?{n} THEN {}", first + n - 1))
            .collect();
        let marks: Vec<String> = (1..=chunk.len()).map(|n| format!("?{n}")).collect();
        let params: Vec<&dyn ToValue> = chunk.iter().map(|id| id as &dyn ToValue).collect();
        db.execute(
            &format!(
                "UPDATE agenda_item SET position = CASE id{when} END WHERE id IN ({})",
                marks.join(", ")
            ),
            &params,
        )?;
        first += chunk.len();
    }
    Ok(())
}

pub fn meeting_of_item(db: &dyn Db, item_id: Uuid) -> CoreResult<Option<String>> {
    db.value(
        "SELECT meeting_id FROM agenda_item WHERE id = ?1",
        &[&item_id],
    )
}

pub fn set_planned_minutes(db: &dyn Db, item_id: Uuid, minutes: u32) -> CoreResult<()> {
    db.execute(
        "UPDATE agenda_item SET planned_minutes = ?2 WHERE id = ?1",
        &[&item_id, &minutes],
    )?;
    Ok(())
}

pub fn delete_item(db: &dyn Db, item_id: Uuid) -> CoreResult<()> {
    db.execute("DELETE FROM agenda_item WHERE id = ?1", &[&item_id])?;
    Ok(())
}

/// The case's panel, children and the panel's minutes per case.
pub fn case_facts(db: &dyn Db, case_id: Uuid) -> CoreResult<Option<(Uuid, u32, u32)>> {
    db.row(
        "SELECT c.panel_id, c.children_count, p.minutes_per_case FROM person_case c
         JOIN panel p ON p.id = c.panel_id WHERE c.id = ?1",
        &[&case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// The panel's next scheduled meeting still planned, on or after `today`.
pub fn next_planned_meeting(
    db: &dyn Db,
    panel_id: Uuid,
    today: &str,
) -> CoreResult<Option<String>> {
    db.value(
        "SELECT id FROM meeting WHERE panel_id = ?1 AND kind = 'scheduled' AND status = 'planned'
           AND date >= ?2 ORDER BY date, start_time LIMIT 1",
        &[&panel_id, &today],
    )
}

pub fn has_case(db: &dyn Db, meeting_id: &str, case_id: Uuid) -> CoreResult<bool> {
    db.any(
        "SELECT 1 FROM agenda_item WHERE meeting_id = ?1 AND case_id = ?2",
        &[&meeting_id, &case_id],
    )
}

/// The agenda as the meeting page reads it (`?1` the meeting): each item
/// with its case, if any, the case's repeat flags and its name key (for
/// keep-apart pairs), then, if `clocks`, the item's clock (status, seconds
/// banked, when its timer started) for the cockpit, which would otherwise
/// send a statement of its own. The repeat window's look-up is under a
/// CASE, not an AND: SQLite works out both sides of an AND in a result
/// column, and only a confirmed repeat needs it.
pub fn rows_sql(db: &dyn Db, clocks: bool) -> &'static str {
    // Written once per engine and shape: building it per read was a
    // thirtieth of reading an agenda.
    static BUILT: LazyLock<[String; 4]> = LazyLock::new(|| {
        [
            (Dialect::Sqlite, false),
            (Dialect::Sqlite, true),
            (Dialect::Postgres, false),
            (Dialect::Postgres, true),
        ]
        .map(|(dialect, clocks)| rows_sql_in(dialect, clocks))
    });
    &BUILT[2 * usize::from(db.dialect() == Dialect::Postgres) + usize::from(clocks)]
}

fn rows_sql_in(dialect: Dialect, clocks: bool) -> String {
    format!(
        "SELECT i.id, i.position, i.kind, i.title, i.planned_minutes,
                c.id, c.reference, c.subject_name, c.status, c.children_count,
                CASE WHEN c.repeat_of IS NULL THEN FALSE
                  ELSE EXISTS (SELECT 1 FROM hearing h JOIN panel p ON p.id = c.panel_id
                    WHERE h.case_id = c.repeat_of AND h.heard_on <= c.referral_date
                    AND h.heard_on >= {window_start}) END,
                EXISTS (SELECT 1 FROM repeat_match m WHERE m.case_id = c.id AND m.same_person IS NULL),
                c.name_key{clock}
         FROM agenda_item i LEFT JOIN person_case c ON c.id = i.case_id
         WHERE i.meeting_id = ?1 ORDER BY i.position",
        window_start = super::cases::repeat_window_start(dialect),
        clock = if clocks { ", i.status, i.actual_seconds, i.timer_started_at" } else { "" },
    )
}

/// The people each case on meeting `?1`'s agenda must be kept apart from:
/// its linked people marked "keep apart" and its perpetrators, by name:
/// case, name. Sent with the agenda's own query. On PostgreSQL a lateral
/// lookup per agenda case: joined, its planner hashed every keep-apart
/// person of every case (a sequential scan growing with the borough);
/// per case it reads the agenda's only, by the partial index of keep-apart
/// people (a third of the time on the ten-year borough). SQLite plans the
/// plain join that way by itself.
pub fn keep_apart_names_sql(db: &dyn Db) -> &'static str {
    db.pick(
        "SELECT i.case_id, l.name FROM agenda_item i
           JOIN linked_person l ON l.case_id = i.case_id AND l.keep_apart
         WHERE i.meeting_id = ?1
         UNION ALL
         SELECT i.case_id, p.name FROM agenda_item i
           JOIN case_perpetrator p ON p.case_id = i.case_id
         WHERE i.meeting_id = ?1",
        "SELECT i.case_id, k.name FROM agenda_item i CROSS JOIN LATERAL (
            SELECT name FROM linked_person WHERE keep_apart AND case_id = i.case_id
            UNION ALL
            SELECT name FROM case_perpetrator WHERE case_id = i.case_id) k
         WHERE i.meeting_id = ?1",
    )
}

/// One row of [`keep_apart_names_sql`]: case, name.
pub fn keep_apart_name(r: &Values) -> CoreResult<(Uuid, String)> {
    Ok((r.get(0)?, r.get(1)?))
}
