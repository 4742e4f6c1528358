//! The bulk load: the directory, then each panel's ten years meeting by
//! meeting (referrals, agenda, attendance, hearings, what each agency
//! shared, actions and the reports on them), then the referrals waiting for
//! the next meeting. One entry point, [`load`], takes the transaction.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Transaction, params};

mod actions;
mod meetings;
mod referrals;
mod statements;

use statements::Statements;

use super::names;
use super::text::{self, PANELS};
use super::{Size, Spec};
use crate::domain::agency::Sector;
use crate::domain::case::{Consent, Ethnicity, Gender, ReferralRoute};
use crate::error::CoreResult;
use crate::store::codec::ymd;
use crate::tables::search;

/// Writes the whole borough. Everything the bulk load writes goes through
/// this one call, so it can be wrapped as one unit (e.g. with auditing
/// suspended and one entry written for the whole load).
pub(crate) fn load(tx: &Transaction<'_>, spec: &Spec) -> CoreResult<()> {
    let mut g = Gen::new(tx, spec)?;
    g.directory()?;
    for panel in 0..PANELS.len() {
        g.panel_history(panel)?;
    }
    g.final_statuses()
}

fn days(date: NaiveDate, n: i64) -> NaiveDate {
    date.checked_add_signed(Duration::days(n)).unwrap_or(date)
}

fn stamp(date: NaiveDate, time: &str) -> String {
    format!("{}T{time}.000Z", ymd(date))
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

struct Agency {
    id: String,
    sector: Sector,
    reps: [String; 2],
}

struct Person {
    name: String,
    date_of_birth: Option<NaiveDate>,
    age: u32,
    gender: Gender,
    ethnicity: Ethnicity,
}

struct Case {
    id: String,
    reference: String,
    person: Person,
    referred: NaiveDate,
    children: u32,
    status: &'static str,
    /// Hearings still to come before the panel lets the case go.
    hearings_left: u32,
}

/// One panel's meetings, laid down before their hearings (reports on
/// actions point at later meetings).
struct Calendar {
    ids: Vec<String>,
    dates: Vec<NaiveDate>,
}

impl Calendar {
    /// The first meeting on or after `day`.
    fn at_or_after(&self, day: NaiveDate) -> Option<usize> {
        let i = self.dates.partition_point(|d| *d < day);
        (i < self.dates.len()).then_some(i)
    }
}

struct Gen<'a> {
    conn: &'a Connection,
    st: Statements<'a>,
    rng: fastrand::Rng,
    size: Size,
    today: NaiveDate,
    agencies: Vec<Agency>,
    panel_ids: Vec<String>,
    references: HashSet<String>,
    cases: Vec<Case>,
}

/// Cases of one panel the simulation is carrying between meetings.
#[derive(Default)]
struct Carried {
    /// Case indexes due for review, by meeting index.
    reviews: BTreeMap<usize, Vec<usize>>,
    /// Closed cases, in the order their last hearing happened.
    closed: Vec<(NaiveDate, usize)>,
    /// Closed cases before this one have already passed their anniversary notice.
    noticed: usize,
}

/// The biggest meeting (the MARAC's latest) and what the documents
/// benchmark asks of it.
const BIG_CASES: usize = 40;
const BIG_PRESENT: usize = 25;
const BIG_ACTIONS: usize = 300;

impl<'a> Gen<'a> {
    fn new(conn: &'a Connection, spec: &Spec) -> CoreResult<Self> {
        Ok(Self {
            conn,
            st: Statements::new(conn)?,
            rng: fastrand::Rng::with_seed(spec.seed),
            size: spec.size,
            today: spec.today,
            agencies: Vec::new(),
            panel_ids: Vec::new(),
            references: HashSet::new(),
            cases: Vec::new(),
        })
    }

    fn id(&mut self) -> String {
        uuid::Builder::from_random_bytes(self.rng.u128(..).to_le_bytes())
            .into_uuid()
            .to_string()
    }

    fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.usize(0..list.len())]
    }

    fn percent(&mut self, chance: u32) -> bool {
        self.rng.u32(0..100) < chance
    }

    fn directory(&mut self) -> CoreResult<()> {
        let created = stamp(days(self.today, -3_700), "09:00:00");
        for (name, code, sector) in text::AGENCIES {
            let id = self.id();
            self.conn.execute(
                "INSERT INTO agency (id, name, short_code, sector, secure_email, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, name, code, sector.as_str(), format!("{}@lowbridge.example", code.to_lowercase()), created],
            )?;
            let reps = [
                names::person(&mut self.rng).0,
                names::person(&mut self.rng).0,
            ];
            for (position, rep) in reps.iter().enumerate() {
                let rep_id = self.id();
                self.conn.execute(
                    "INSERT INTO representative (id, agency_id, position, name, role) VALUES (?1, ?2, ?3, ?4, 'Panel representative')",
                    params![rep_id, id, count(position), rep],
                )?;
            }
            self.agencies.push(Agency {
                id,
                sector: *sector,
                reps,
            });
        }
        for plan in PANELS {
            let id = self.id();
            self.conn.execute(
                "INSERT INTO panel (id, name, kind, meeting_minutes, minutes_per_case, confidentiality_statement,
                    protective_marking, repeat_window_months, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'OFFICIAL-SENSITIVE', 12, ?7, ?7)",
                params![
                    id,
                    plan.name,
                    plan.kind.as_str(),
                    plan.meeting_minutes,
                    plan.minutes_per_case,
                    crate::domain::panel::DEFAULT_CONFIDENTIALITY_STATEMENT,
                    created
                ],
            )?;
            for (position, label) in crate::domain::case::DEFAULT_CONCERNS.iter().enumerate() {
                self.conn.execute(
                    "INSERT INTO panel_concern (panel_id, position, label) VALUES (?1, ?2, ?3)",
                    params![id, count(position), label],
                )?;
            }
            self.panel_ids.push(id);
        }
        Ok(())
    }

    /// The agencies on panel `p`: the police and children's social care,
    /// then a fixed share of the rest.
    fn members(&mut self, p: usize) -> CoreResult<Vec<usize>> {
        let mut rest: Vec<usize> = (2..self.agencies.len()).collect();
        self.rng.shuffle(&mut rest);
        let mut members = vec![0, 1];
        members.extend(rest.into_iter().take(PANELS[p].members - 2));
        members.sort_unstable();
        let joined = stamp(days(self.today, -3_700), "09:00:00");
        for &a in &members {
            self.conn.execute(
                "INSERT INTO panel_member (panel_id, agency_id, joined_at) VALUES (?1, ?2, ?3)",
                params![self.panel_ids[p], self.agencies[a].id, joined],
            )?;
        }
        Ok(members)
    }

    fn new_reference(&mut self, p: usize) -> String {
        const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
        let prefix = ["MA", "YM", "EX", "OM"][p % 4];
        loop {
            let code: String = (0..5)
                .map(|_| char::from(ALPHABET[self.rng.usize(0..ALPHABET.len())]))
                .collect();
            let reference = format!("{prefix}-{code}");
            if self.references.insert(reference.clone()) {
                return reference;
            }
        }
    }

    fn event(
        &mut self,
        case: &str,
        at: &str,
        kind: &str,
        detail: &str,
        by: &str,
    ) -> CoreResult<()> {
        let id = self.id();
        self.st
            .event
            .execute(params![id, case, at, kind, detail, by])?;
        Ok(())
    }

    /// A new person, or (about three referrals in ten) someone the panel
    /// heard before: mostly within the twelve-month repeat window.
    fn person(
        &mut self,
        p: usize,
        referred: NaiveDate,
        carried: &Carried,
    ) -> (Person, Option<usize>) {
        if self.percent(30) && !carried.closed.is_empty() {
            let months = if self.percent(80) { 365 } else { 730 };
            let from = days(referred, -months);
            let lo = carried.closed.partition_point(|(d, _)| *d < from);
            let hi = carried.closed.partition_point(|(d, _)| *d <= referred);
            if lo < hi {
                let (_, earlier) = carried.closed[self.rng.usize(lo..hi)];
                let e = &self.cases[earlier].person;
                let age = e.age
                    + u32::try_from((referred - self.cases[earlier].referred).num_days() / 365)
                        .unwrap_or(0);
                let person = Person {
                    name: e.name.clone(),
                    date_of_birth: e.date_of_birth,
                    age,
                    gender: e.gender,
                    ethnicity: e.ethnicity,
                };
                return (person, Some(earlier));
            }
        }
        let (name, gender, ethnicity) = names::person(&mut self.rng);
        let (lo, hi) = PANELS[p].ages;
        let age = self.rng.u32(lo..=hi);
        let date_of_birth = (!self.percent(5))
            .then(|| days(referred, -i64::from(age) * 365 - self.rng.i64(30..330)));
        (
            Person {
                name,
                date_of_birth,
                age,
                gender,
                ethnicity,
            },
            None,
        )
    }
}
