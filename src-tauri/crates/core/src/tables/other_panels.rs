//! The same person across panels' SQL (issue 19): the people of other
//! panels' cases (their person and perpetrators) who share a date of birth
//! or a normalised name with someone of this case, found through indexes
//! (`person_case.date_of_birth` and `name_key`, the same on
//! `case_perpetrator`), and the coordinator's decisions. Runs on both
//! engines.

use uuid::Uuid;

use crate::error::CoreResult;
use crate::store::sql::{Batch, Db, Rows, Ticket, ToValue};

/// "?3, ?4, ..." for `count` values numbered from `first`.
fn numbered(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|n| format!("?{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// People of other panels' cases with one of `dates` or `keys`: other case,
/// its reference, its panel's name, the person's name, aliases (JSON),
/// date of birth. Their persons first, then their perpetrators.
/// Added to `batch`.
pub fn candidates_in(
    batch: &mut Batch,
    panel_id: Uuid,
    dates: &[String],
    keys: &[String],
) -> Ticket {
    let none = "NULL".to_string();
    let date_list = if dates.is_empty() {
        none.clone()
    } else {
        numbered(2, dates.len())
    };
    let key_list = if keys.is_empty() {
        none
    } else {
        numbered(2 + dates.len(), keys.len())
    };
    let sql = format!(
        "SELECT c.id, c.reference, p.name, c.subject_name, CAST(c.aliases AS TEXT), c.date_of_birth
         FROM person_case c JOIN panel p ON p.id = c.panel_id
         WHERE c.panel_id <> ?1 AND (c.date_of_birth IN ({date_list}) OR c.name_key IN ({key_list}))
         UNION ALL
         SELECT c.id, c.reference, p.name, k.name, k.aliases, k.date_of_birth
         FROM case_perpetrator k JOIN person_case c ON c.id = k.case_id JOIN panel p ON p.id = c.panel_id
         WHERE c.panel_id <> ?1 AND (k.date_of_birth IN ({date_list}) OR k.name_key IN ({key_list}))"
    );
    let mut params: Vec<&dyn ToValue> = vec![&panel_id];
    params.extend(dates.iter().map(|d| d as &dyn ToValue));
    params.extend(keys.iter().map(|k| k as &dyn ToValue));
    batch.add(sql, &params)
}

/// The coordinator's answers for a case (other case, who, same person),
/// added to `batch` so the case's page waits for them with its own rows.
pub fn decisions_in(batch: &mut Batch, case_id: Uuid) -> Rows<(Uuid, String, bool)> {
    batch.rows(
        "SELECT other_case_id, who, same_person FROM other_panel_decision WHERE case_id = ?1",
        &[&case_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

pub fn decide(
    db: &dyn Db,
    (case_id, other_case_id, who): (Uuid, Uuid, &str),
    same_person: bool,
    by: (&str, &str),
) -> CoreResult<()> {
    db.execute(
        "INSERT INTO other_panel_decision (case_id, other_case_id, who, same_person, decided_at, decided_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (case_id, other_case_id, who) DO UPDATE SET same_person = excluded.same_person,
            decided_at = excluded.decided_at, decided_by = excluded.decided_by",
        &[&case_id, &other_case_id, &who, &same_person, &by.1, &by.0],
    )?;
    Ok(())
}
