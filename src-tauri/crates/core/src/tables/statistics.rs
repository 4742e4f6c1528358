//! The statistics' SQL: what was heard in a panel's period, and what
//! became of the actions due in it. Every query takes the panel and the
//! period's first and last days (`?1`, `?2`, `?3`). Runs on both engines.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::statistics::{AgencyActions, share};
use crate::error::CoreResult;
use crate::store::sql::Db;

/// A case heard in the period, with what monitoring counts about it.
pub struct HeardCase {
    pub repeat: bool,
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub disability: Option<String>,
    pub lgbt: Option<String>,
    pub date_of_birth: Option<String>,
    pub approximate_age: Option<u32>,
    pub referral_date: String,
    /// From the children records when it has any, else the number typed.
    pub children: u32,
    /// Unborn children on its records.
    pub unborn: u32,
    /// Its perpetrators aged 17 or under at the referral.
    pub young_perpetrators: u32,
    pub referrer: Option<String>,
    pub referrer_sector: Option<String>,
    /// The first day it was ever heard, in or before the period.
    pub first_heard: String,
}

/// The period a statistics query covers: panel, first day, last day.
pub struct Period<'a> {
    pub panel: Uuid,
    pub from: &'a str,
    pub to: &'a str,
}

/// The panel's name, if the panel exists.
pub fn panel_name(db: &dyn Db, panel: Uuid) -> CoreResult<Option<String>> {
    db.value("SELECT name FROM panel WHERE id = ?1", &[&panel])
}

/// Each case heard at least once in the period.
pub fn heard_cases(db: &dyn Db, p: &Period) -> CoreResult<Vec<HeardCase>> {
    let under_18 = db.pick(
        "date(k.date_of_birth, '+18 years') > c.referral_date",
        "k.date_of_birth + interval '18 years' > c.referral_date",
    );
    db.rows(
        &format!(
            "SELECT c.repeat_of IS NOT NULL, c.gender, c.ethnicity, c.disability, c.lgbt, c.date_of_birth,
            c.approximate_age, c.referral_date,
            CASE WHEN EXISTS (SELECT 1 FROM case_child k WHERE k.case_id = c.id)
                 THEN (SELECT count(*) FROM case_child k WHERE k.case_id = c.id AND k.due_date IS NULL)
                 ELSE c.children_count END,
            g.name, g.sector,
            (SELECT min(h2.heard_on) FROM hearing h2 WHERE h2.case_id = c.id),
            (SELECT count(*) FROM case_child k WHERE k.case_id = c.id AND k.due_date IS NOT NULL),
            (SELECT count(*) FROM case_perpetrator k WHERE k.case_id = c.id AND {under_18})
         FROM person_case c LEFT JOIN agency g ON g.id = c.referring_agency_id
         WHERE c.id IN (SELECT h.case_id FROM hearing h JOIN meeting m ON m.id = h.meeting_id
                        WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3)"
        ),
        &[&p.panel, &p.from, &p.to],
        |r| {
            Ok(HeardCase {
                repeat: r.get(0)?,
                gender: r.get(1)?,
                ethnicity: r.get(2)?,
                disability: r.get(3)?,
                lgbt: r.get(4)?,
                date_of_birth: r.get(5)?,
                approximate_age: r.get(6)?,
                referral_date: r.get(7)?,
                children: r.get(8)?,
                referrer: r.get(9)?,
                referrer_sector: r.get(10)?,
                first_heard: r.get(11)?,
                unborn: r.get(12)?,
                young_perpetrators: r.get(13)?,
            })
        },
    )
}

/// The outcome of each hearing in the period (none if not recorded).
pub fn outcomes(db: &dyn Db, p: &Period) -> CoreResult<Vec<Option<String>>> {
    db.column(
        "SELECT h.outcome FROM hearing h JOIN meeting m ON m.id = h.meeting_id
         WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3",
        &[&p.panel, &p.from, &p.to],
    )
}

/// The meeting date and seconds spent on each case whose time was kept.
pub fn case_timings(db: &dyn Db, p: &Period) -> CoreResult<Vec<(String, u32)>> {
    db.rows(
        "SELECT m.date, i.actual_seconds FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
         WHERE m.panel_id = ?1 AND m.date BETWEEN ?2 AND ?3
           AND i.kind IN ('new_case', 'review_case') AND i.actual_seconds > 0
         ORDER BY m.date",
        &[&p.panel, &p.from, &p.to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// How many meetings heard cases in the period, and how many hearings.
pub fn meetings_and_hearings(db: &dyn Db, p: &Period) -> CoreResult<(u32, u32)> {
    Ok(db
        .row(
            "SELECT count(DISTINCT h.meeting_id), count(*) FROM hearing h
             JOIN meeting m ON m.id = h.meeting_id
             WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3",
            &[&p.panel, &p.from, &p.to],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .unwrap_or_default())
}

/// The actions due in the period, by owning agency, by what became of them.
pub fn actions_by_agency(db: &dyn Db, p: &Period) -> CoreResult<Vec<AgencyActions>> {
    let sql = format!(
        "SELECT g.name, g.short_code, count(*),
            count(*) FILTER (WHERE a.status = 'done' AND a.completed_on <= a.due_date),
            count(*) FILTER (WHERE a.status = 'done'
                             AND (a.completed_on IS NULL OR a.completed_on > a.due_date)),
            count(*) FILTER (WHERE a.status IN ('not_done_circumstances', 'not_done_agency')),
            count(*) FILTER (WHERE a.status IN ('open', 'in_progress'))
         FROM action a JOIN meeting m ON m.id = a.meeting_id JOIN agency g ON g.id = a.agency_id
         WHERE m.panel_id = ?1 AND a.due_date BETWEEN ?2 AND ?3
         GROUP BY g.id ORDER BY {}",
        db.ignoring_case("g.name")
    );
    db.rows(&sql, &[&p.panel, &p.from, &p.to], |r| {
        let (due, on_time) = (r.get(2)?, r.get(3)?);
        Ok(AgencyActions {
            agency_name: r.get(0)?,
            agency_code: r.get(1)?,
            due,
            on_time,
            on_time_share: share(on_time, due),
            late: r.get(4)?,
            not_done: r.get(5)?,
            open: r.get(6)?,
        })
    })
}

/// The days in the period on which the panel heard cases, in order: the
/// SafeLives return's meetings.
pub fn meeting_days(db: &dyn Db, panel: Uuid, (from, to): (&str, &str)) -> CoreResult<Vec<String>> {
    let days: Vec<NaiveDate> = db.rows(
        "SELECT DISTINCT h.heard_on FROM hearing h JOIN meeting m ON m.id = h.meeting_id
         WHERE m.panel_id = ?1 AND h.heard_on BETWEEN ?2 AND ?3 ORDER BY h.heard_on",
        &[&panel, &from, &to],
        |r| r.get(0),
    )?;
    Ok(days.into_iter().map(crate::store::codec::ymd).collect())
}
