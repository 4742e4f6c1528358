//! The bulk load: the directory, then each panel's ten years meeting by
//! meeting (referrals, agenda, attendance, hearings, what each agency
//! shared, actions and the reports on them), then the referrals waiting for
//! the next meeting. One entry point, [`load`], takes the transaction.

use std::collections::{BTreeMap, HashSet};

use chrono::{Duration, NaiveDate};
use rusqlite::{Connection, Statement, Transaction, params};

use super::names;
use super::text::{self, PANELS};
use super::{Size, Spec};
use crate::domain::agency::Sector;
use crate::domain::case::{Consent, Ethnicity, Gender, ReferralRoute};
use crate::error::CoreResult;
use crate::services::cases::ymd;
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

/// Prepared once: the load runs each of these tens of thousands of times.
struct Statements<'a> {
    case: Statement<'a>,
    event: Statement<'a>,
    linked: Statement<'a>,
    repeat: Statement<'a>,
    meeting: Statement<'a>,
    expected: Statement<'a>,
    attendance: Statement<'a>,
    attendee: Statement<'a>,
    item: Statement<'a>,
    hearing: Statement<'a>,
    share: Statement<'a>,
    action: Statement<'a>,
    update: Statement<'a>,
}

impl<'a> Statements<'a> {
    fn new(c: &'a Connection) -> CoreResult<Self> {
        Ok(Self {
            case: c.prepare(
                "INSERT INTO person_case (id, panel_id, reference, status, subject_name, name_key, aliases,
                    date_of_birth, approximate_age, gender, ethnicity, disability, lgbt, address, postcode,
                    school, referring_agency_id, referring_officer, referral_date, referral_route,
                    referral_reason, concerns, consent, lawful_ground, children_count, children_details,
                    lead_professional, repeat_of, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                    ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?29)",
            )?,
            event: c.prepare(
                "INSERT INTO case_event (id, case_id, at, kind, detail, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            linked: c.prepare(
                "INSERT INTO linked_person (id, case_id, position, name, relationship, keep_apart)
                 VALUES (?1, ?2, 0, ?3, ?4, ?5)",
            )?,
            repeat: c.prepare(
                "INSERT INTO repeat_match (case_id, other_case_id, strength, reason, same_person, decided_at, decided_by)
                 VALUES (?1, ?2, 'strong', 'Same name and date of birth', ?3, ?4, ?5)",
            )?,
            meeting: c.prepare(
                "INSERT INTO meeting (id, panel_id, kind, date, start_time, venue, chair, minute_taker, status,
                    created_at, updated_at, started_at, ended_at, approved_by, approved_at, minutes_version)
                 VALUES (?1, ?2, 'scheduled', ?3, ?4, 'Lowbridge Civic Centre, Committee Room 2', ?5, ?6, 'held',
                    ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            expected: c.prepare(
                "INSERT INTO meeting_expected_agency (meeting_id, agency_id) VALUES (?1, ?2)",
            )?,
            attendance: c.prepare(
                "INSERT INTO agency_attendance (meeting_id, agency_id, status) VALUES (?1, ?2, ?3)",
            )?,
            attendee: c.prepare(
                "INSERT INTO attendee (id, meeting_id, agency_id, position, name, role, acknowledged, arrived_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'Representative', 1, ?6)",
            )?,
            item: c.prepare(
                "INSERT INTO agenda_item (id, meeting_id, position, kind, case_id, title, planned_minutes, status,
                    actual_seconds)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'done', ?8)",
            )?,
            hearing: c.prepare(
                "INSERT INTO hearing (id, case_id, meeting_id, heard_on, outcome, review_due, risk_level, created_at,
                    summary, risk_rag, risk_likelihood, risk_impact, outcome_reason, decisions, who_tells,
                    updated_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?8, ?16)",
            )?,
            share: c.prepare(
                "INSERT INTO information_share (meeting_id, case_id, agency_id, state, facts, opinion, withheld,
                    withheld_reason, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?,
            action: c.prepare(
                "INSERT INTO action (id, meeting_id, case_id, agency_id, officer, text, due_date, status, position,
                    created_at, created_by, updated_at, completed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            update: c.prepare(
                "INSERT INTO action_update (id, action_id, at, status, note, meeting_id, recorded_by, reported_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
        })
    }
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

    /// Records a referral to panel `p` (the case, its search entry, its
    /// history, a confirmed or offered repeat). Returns the case's index.
    fn refer(
        &mut self,
        p: usize,
        referred: NaiveDate,
        members: &[usize],
        carried: &Carried,
        decided: bool,
    ) -> CoreResult<usize> {
        let (person, earlier) = self.person(p, referred, carried);
        let id = self.id();
        let reference = self.new_reference(p);
        let plan = &PANELS[p];
        let children = if self.percent(plan.with_children) {
            self.rng.u32(1..=4)
        } else {
            0
        };
        let referrer = if self.percent(40) {
            0
        } else {
            self.pick(members)
        };
        let route = match (earlier, self.rng.u32(0..10)) {
            (Some(_), _) => ReferralRoute::Repeat,
            (None, 0..=2) => ReferralRoute::RiskScore,
            (None, 3..=5) => ReferralRoute::ProfessionalJudgement,
            (None, 6..=7) => ReferralRoute::Automatic,
            (None, _) => ReferralRoute::Escalation,
        };
        let mut concerns = vec![self.pick(plan.concerns)];
        if plan.concerns.len() > 1 && self.percent(40) {
            let other = self.pick(plan.concerns);
            if other != concerns[0] {
                concerns.push(other);
            }
        }
        let consent = match self.rng.u32(0..10) {
            0..=6 => Consent::Given,
            7..=8 => Consent::NotGiven,
            _ => Consent::NotSought,
        };
        let lawful = (consent != Consent::Given)
            .then_some("Sharing without consent to prevent serious harm (DPA 2018 Sch 8 para 4).");
        let created = stamp(referred, "09:12:00");
        let repeat_of = match (earlier, decided) {
            (Some(e), true) => Some(self.cases[e].id.clone()),
            _ => None,
        };
        let address = format!(
            "{} {}, Lowbridge",
            self.rng.u32(1..=180),
            self.pick(text::STREETS)
        );
        let school = (plan.ages.0 < 18).then(|| self.pick(text::SCHOOLS));
        let (disability, lgbt) = (
            ["yes", "no", "no", "no", "not_known"][self.rng.usize(0..5)],
            self.percent(60)
                .then(|| ["no", "no", "yes", "not_known"][self.rng.usize(0..4)]),
        );
        let reason = self.pick(text::reasons(p));
        let officer = self.pick(text::OFFICERS);
        let lead = self.pick(text::LEADS);
        let postcode = self.pick(text::POSTCODES);
        self.st.case.execute(params![
            id,
            self.panel_ids[p],
            reference,
            "accepted",
            person.name,
            crate::matching::normalise(&person.name),
            "[]",
            person.date_of_birth.map(ymd),
            person.date_of_birth.is_none().then_some(person.age),
            person.gender.as_str(),
            person.ethnicity.as_str(),
            disability,
            lgbt,
            address,
            postcode,
            school,
            self.agencies[referrer].id,
            officer,
            ymd(referred),
            route.as_str(),
            reason,
            serde_json::to_string(&concerns).unwrap_or_else(|_| "[]".into()),
            consent.as_str(),
            lawful,
            children,
            (children > 0).then_some("Children in the household."),
            lead,
            repeat_of,
            created,
        ])?;
        search::index_case(self.conn, crate::services::parse_id(&id)?)?;
        if self.percent(20) {
            let linked = self.pick(text::LINKED);
            let link_id = self.id();
            let keep_apart = self.percent(50);
            let relationship = if keep_apart {
                "perpetrator"
            } else {
                "associate"
            };
            self.st
                .linked
                .execute(params![link_id, id, linked, relationship, keep_apart])?;
        }
        let taker = self.pick(text::MINUTE_TAKERS);
        self.event(&id, &created, "referred", "Referral recorded.", taker)?;
        if let Some(e) = earlier {
            let other = self.cases[e].id.clone();
            let other_ref = self.cases[e].reference.clone();
            let at = stamp(referred, "09:20:00");
            if decided {
                self.st
                    .repeat
                    .execute(params![id, other, true, at, taker])?;
                let detail = format!("Confirmed as the same person as case {other_ref}.");
                self.event(&id, &at, "repeat_confirmed", &detail, taker)?;
            } else {
                self.st.repeat.execute(params![
                    id,
                    other,
                    None::<bool>,
                    None::<String>,
                    None::<String>
                ])?;
            }
        }
        // About two and a half hearings a case: most are reviewed at least once.
        let hearings_left = 1 + (0..6).take_while(|_| self.percent(63)).count();
        self.cases.push(Case {
            id,
            reference,
            person,
            referred,
            children,
            status: "accepted",
            hearings_left: u32::try_from(hearings_left).unwrap_or(1),
        });
        Ok(self.cases.len() - 1)
    }

    fn accept(&mut self, case: usize) -> CoreResult<()> {
        let id = self.cases[case].id.clone();
        let at = stamp(days(self.cases[case].referred, 1), "11:00:00");
        let taker = self.pick(text::MINUTE_TAKERS);
        self.event(
            &id,
            &at,
            "accepted",
            "Accepted onto the panel's next agenda.",
            taker,
        )
    }

    fn panel_history(&mut self, p: usize) -> CoreResult<()> {
        let members = self.members(p)?;
        let m = self.size.meetings_per_panel;
        let last = days(self.today, -4 - count(p));
        let mut calendar = Calendar {
            ids: Vec::with_capacity(m),
            dates: Vec::with_capacity(m),
        };
        for k in 0..m {
            calendar.ids.push(self.id());
            calendar.dates.push(days(last, -14 * count(m - 1 - k)));
        }
        for k in 0..m {
            self.meeting_row(p, k, &calendar)?;
        }
        let per_meeting = self.size.cases as f64 / (PANELS.len() * (m + 1)) as f64;
        let mut carried = Carried::default();
        for k in 0..m {
            let date = calendar.dates[k];
            let big = p == 0 && k == m - 1;
            let mut new_cases = Vec::new();
            let mut wanted = self.referrals(per_meeting);
            let reviews = carried.reviews.remove(&k).unwrap_or_default();
            if big {
                wanted = BIG_CASES.saturating_sub(reviews.len());
            }
            for _ in 0..wanted {
                let referred = days(date, -self.rng.i64(3..=13));
                let case = self.refer(p, referred, &members, &carried, true)?;
                // A few are redirected at triage and never heard.
                if !big && self.percent(3) {
                    self.redirect_at_triage(case, date)?;
                    continue;
                }
                self.accept(case)?;
                new_cases.push(case);
            }
            new_cases.sort_by_key(|c| (self.cases[*c].children == 0, self.cases[*c].referred));
            let notices = self.notices(&mut carried, date);
            self.hold_meeting(
                p,
                k,
                &calendar,
                &members,
                (new_cases, reviews, notices),
                &mut carried,
            )?;
        }
        // Referrals since the last meeting: most accepted for the next one,
        // some awaiting triage; their possible repeats wait for a decision.
        let waiting = self.referrals(per_meeting);
        for _ in 0..waiting {
            let referred = days(self.today, -self.rng.i64(0..=3 + count(p)));
            let case = self.refer(p, referred, &members, &carried, false)?;
            if self.percent(80) {
                self.accept(case)?;
            } else {
                self.cases[case].status = "referred";
            }
        }
        Ok(())
    }

    fn referrals(&mut self, mean: f64) -> usize {
        let base = mean.floor();
        let extra = usize::from(self.rng.f64() < mean - base);
        let jitter = self.rng.usize(0..=6);
        // Symmetric spread of three either side of the mean.
        (base as usize + extra + jitter).saturating_sub(3)
    }

    fn redirect_at_triage(&mut self, case: usize, date: NaiveDate) -> CoreResult<()> {
        let id = self.cases[case].id.clone();
        let at = stamp(days(date, -2), "15:00:00");
        let taker = self.pick(text::MINUTE_TAKERS);
        self.event(
            &id,
            &at,
            "redirected",
            "Redirected to Early Help: below the panel's threshold.",
            taker,
        )?;
        self.cases[case].status = "redirected";
        Ok(())
    }

    /// Closed cases whose last hearing reached twelve months in the six
    /// weeks up to `date`: listed for notice, as the agenda service does.
    fn notices(&mut self, carried: &mut Carried, date: NaiveDate) -> Vec<usize> {
        let edge = date
            .checked_sub_months(chrono::Months::new(12))
            .unwrap_or(date);
        let from = days(edge, -42);
        let mut out = Vec::new();
        while let Some((heard, case)) = carried.closed.get(carried.noticed).copied() {
            if heard > edge {
                break;
            }
            if heard > from {
                out.push(case);
            }
            carried.noticed += 1;
        }
        out
    }

    fn meeting_row(&mut self, p: usize, k: usize, calendar: &Calendar) -> CoreResult<()> {
        let date = calendar.dates[k];
        let approved = k + 1 < calendar.dates.len();
        let next = calendar.dates.get(k + 1).copied();
        let chair = self.pick(text::CHAIRS);
        let taker = self.pick(text::MINUTE_TAKERS);
        let start = PANELS[p].start_time;
        self.st.meeting.execute(params![
            calendar.ids[k],
            self.panel_ids[p],
            ymd(date),
            start,
            chair,
            taker,
            stamp(days(date, -20), "10:00:00"),
            stamp(date, "16:00:00"),
            format!("{}T{start}:00+00:00", ymd(date)),
            format!("{}T15:45:00+00:00", ymd(date)),
            approved.then_some(chair),
            next.filter(|_| approved).map(|d| stamp(d, "10:05:00")),
            i64::from(approved),
        ])?;
        Ok(())
    }

    fn hold_meeting(
        &mut self,
        p: usize,
        k: usize,
        calendar: &Calendar,
        members: &[usize],
        (new_cases, reviews, notices): (Vec<usize>, Vec<usize>, Vec<usize>),
        carried: &mut Carried,
    ) -> CoreResult<()> {
        let meeting = calendar.ids[k].clone();
        let date = calendar.dates[k];
        let big = p == 0 && k + 1 == calendar.dates.len();
        let taker = self.pick(text::MINUTE_TAKERS);
        // Attendance: at the big meeting exactly 25 agencies are present.
        let mut present = Vec::new();
        let mut sharers = Vec::new();
        for (n, &a) in members.iter().enumerate() {
            let status = if big {
                if n < BIG_PRESENT {
                    "present"
                } else {
                    "apologies"
                }
            } else {
                match self.rng.u32(0..100) {
                    0..=81 => "present",
                    82..=91 => "apologies",
                    92..=96 => "sent_in_writing",
                    _ => "absent",
                }
            };
            let agency = self.agencies[a].id.clone();
            self.st.expected.execute(params![meeting, agency])?;
            self.st
                .attendance
                .execute(params![meeting, agency, status])?;
            if status == "present" {
                present.push(a);
                let late = self.percent(8).then_some("10:15");
                let attendee = self.id();
                let rep = self.agencies[a].reps[0].clone();
                self.st.attendee.execute(params![
                    attendee,
                    meeting,
                    agency,
                    count(present.len()),
                    rep,
                    late
                ])?;
            }
            if status == "present" || status == "sent_in_writing" {
                sharers.push((a, status == "sent_in_writing"));
            }
        }
        if present.is_empty() {
            present.push(members[0]);
            sharers.push((members[0], false));
        }

        // The agenda, in the order the agenda service builds it.
        let per_case = PANELS[p].minutes_per_case;
        let mut items: Vec<(&str, Option<usize>, &str, u32)> = vec![
            (
                "introductions",
                None,
                "Introductions, attendance and confidentiality statement",
                5,
            ),
            (
                "action_review",
                None,
                "Review of open actions from earlier meetings",
                10,
            ),
        ];
        items.extend(
            new_cases
                .iter()
                .map(|c| ("new_case", Some(*c), "New case", per_case)),
        );
        items.extend(
            reviews
                .iter()
                .map(|c| ("review_case", Some(*c), "Review case", per_case)),
        );
        items.extend(
            notices
                .iter()
                .map(|c| ("anniversary_notice", Some(*c), "Case for notice", 0)),
        );
        items.push(("other_business", None, "Any other business", 5));
        for (position, (kind, case, title, minutes)) in items.iter().enumerate() {
            let seconds = if case.is_some() && *minutes > 0 {
                i64::from(*minutes) * 60 + self.rng.i64(-300..=420)
            } else {
                0
            };
            let item = self.id();
            let case_id = case.map(|c| self.cases[c].id.clone());
            self.st.item.execute(params![
                item,
                meeting,
                count(position),
                kind,
                case_id,
                title,
                minutes,
                seconds
            ])?;
        }

        let mut action_number = 0usize;
        let heard: Vec<usize> = new_cases.iter().chain(reviews.iter()).copied().collect();
        for (n, &case) in heard.iter().enumerate() {
            let actions = if big {
                if n < 20 { 8 } else { 7 }
            } else {
                self.rng.usize(2..=6)
            };
            let next = self.hear(case, &meeting, date, taker, &sharers, big)?;
            for _ in 0..actions {
                let owner = if big {
                    present[action_number % present.len()]
                } else {
                    self.pick(&present)
                };
                self.agree_action(&meeting, date, case, owner, action_number, taker, calendar)?;
                action_number += 1;
            }
            match next {
                Some(gap) if k + gap < calendar.dates.len() => {
                    carried.reviews.entry(k + gap).or_default().push(case)
                }
                Some(_) => {}
                None if self.cases[case].status == "closed" => carried.closed.push((date, case)),
                None => {}
            }
        }
        if big {
            debug_assert_eq!(action_number, BIG_ACTIONS);
        }
        Ok(())
    }

    /// The hearing of one case: assessment, outcome, what the agencies
    /// shared. Returns in how many meetings the case comes back, if it does.
    fn hear(
        &mut self,
        case: usize,
        meeting: &str,
        date: NaiveDate,
        taker: &str,
        sharers: &[(usize, bool)],
        big: bool,
    ) -> CoreResult<Option<usize>> {
        let case_id = self.cases[case].id.clone();
        let final_hearing = self.cases[case].hearings_left <= 1;
        let (outcome, status, reason, back) = if big || !final_hearing {
            match self.rng.u32(0..100) {
                0..=84 => (
                    "continue",
                    "under_review",
                    None,
                    Some(1 + usize::from(self.percent(35))),
                ),
                85..=96 => (
                    "escalate",
                    "under_review",
                    Some("Escalated to a child protection strategy discussion."),
                    Some(1),
                ),
                _ => (
                    "defer",
                    "deferred",
                    Some("The referrer was absent and nobody was briefed."),
                    Some(1),
                ),
            }
        } else if self.percent(93) {
            (
                "close",
                "closed",
                Some("Risk reduced; the plan is in place."),
                None,
            )
        } else {
            (
                "redirect",
                "redirected",
                Some("Better held by Early Help; referred on."),
                None,
            )
        };
        let review_due = back.map(|gap| days(date, 14 * count(gap)));
        let (level, rag) = match self.rng.u32(0..100) {
            0..=49 => ("high", "red"),
            50..=84 => ("medium", "amber"),
            _ => ("standard", "green"),
        };
        let matrix = self.percent(40);
        let (likelihood, impact) = (
            matrix.then(|| self.rng.u32(1..=3)),
            matrix.then(|| self.rng.u32(1..=3)),
        );
        let hearing = self.id();
        let summary = self.pick(text::SUMMARIES);
        let decisions = self.pick(text::DECISIONS);
        let who = self.pick(text::WHO_TELLS);
        self.st.hearing.execute(params![
            hearing,
            case_id,
            meeting,
            ymd(date),
            outcome,
            review_due.map(ymd),
            level,
            stamp(date, "11:30:00"),
            summary,
            rag,
            likelihood,
            impact,
            reason,
            decisions,
            who,
            taker
        ])?;
        let at = stamp(date, "11:40:00");
        let detail = format!("Heard at the meeting on {}: {outcome}.", ymd(date));
        self.event(&case_id, &at, "heard", &detail, taker)?;

        let wanted = if big {
            self.rng.usize(5..=10)
        } else {
            self.rng.usize(7..=13)
        };
        let mut order: Vec<(usize, bool)> = sharers.to_vec();
        self.rng.shuffle(&mut order);
        for &(a, in_writing) in order.iter().take(wanted) {
            let state = if in_writing {
                "sent_in_writing"
            } else if self.percent(62) {
                "known"
            } else {
                "not_known"
            };
            let holds = state != "not_known";
            let facts = holds.then(|| self.pick(text::FACTS));
            let opinion = (holds && self.percent(50)).then(|| self.pick(text::OPINIONS));
            let withheld = (holds && self.percent(3)).then_some(text::WITHHELD);
            let agency = self.agencies[a].id.clone();
            self.st.share.execute(params![
                meeting,
                case_id,
                agency,
                state,
                facts,
                opinion,
                withheld.map(|w| w.0),
                withheld.map(|w| w.1),
                stamp(date, "11:20:00"),
                taker
            ])?;
        }
        let c = &mut self.cases[case];
        c.status = status;
        c.hearings_left = c
            .hearings_left
            .saturating_sub(1)
            .max(u32::from(back.is_some()));
        Ok(back)
    }

    #[allow(clippy::too_many_arguments)]
    fn agree_action(
        &mut self,
        meeting: &str,
        agreed: NaiveDate,
        case: usize,
        owner: usize,
        position: usize,
        taker: &str,
        calendar: &Calendar,
    ) -> CoreResult<()> {
        let today = self.today;
        let due = (!self.percent(3)).then(|| days(agreed, 7 * self.pick(&[2, 3, 4, 6])));
        let due_or = due.unwrap_or(days(agreed, 28));
        let mut reports: Vec<(&str, NaiveDate, &str)> = Vec::new();
        let r = self.rng.u32(0..100);
        if r < 86 {
            let done_on = if self.percent(78) {
                days(due_or, -self.rng.i64(0..=10)).max(days(agreed, 1))
            } else {
                days(due_or, self.rng.i64(1..=35))
            };
            let started = days(agreed, self.rng.i64(5..=12));
            if done_on <= today {
                if self.percent(30) && started < done_on {
                    reports.push(("in_progress", started, self.pick(text::PROGRESS_NOTES)));
                }
                reports.push(("done", done_on, self.pick(text::DONE_NOTES)));
            } else if started <= today && self.rng.bool() {
                reports.push(("in_progress", started, self.pick(text::PROGRESS_NOTES)));
            }
        } else if r < 94 {
            let on = days(due_or, self.rng.i64(0..=14));
            if on <= today {
                if r < 91 {
                    reports.push(("not_done_circumstances", on, text::NOT_DONE_CIRCUMSTANCES));
                } else {
                    reports.push(("not_done_agency", on, text::NOT_DONE_AGENCY));
                }
            }
        } else if (today - due_or).num_days() > 120 {
            // Never reported while it was due; settled late, when the case closed.
            reports.push((
                "done",
                days(due_or, self.rng.i64(36..=90)),
                "Confirmed done at the case's closure.",
            ));
        }
        // Otherwise: never reported, still open (and, once due, overdue).
        // One last report in five is made at the panel's next meeting.
        let mut at_meeting = None;
        if let Some(last) = reports.last_mut()
            && let Some(j) = calendar.at_or_after(last.1)
            && calendar.dates[j] <= today
            && self.rng.u32(0..100) < 20
        {
            last.1 = calendar.dates[j];
            at_meeting = Some(calendar.ids[j].clone());
        }
        let last_report = reports.len().saturating_sub(1);
        let status = reports.last().map_or("open", |r| r.0);
        let completed = reports.last().filter(|r| r.0 == "done").map(|r| ymd(r.1));
        let id = self.id();
        let case_id = self.cases[case].id.clone();
        let sector = self.agencies[owner].sector;
        let wording = self.pick(text::actions(sector));
        let officer = self.percent(50).then(|| self.pick(text::OFFICERS));
        let created = stamp(agreed, "12:10:00");
        let updated = reports
            .last()
            .map_or_else(|| created.clone(), |r| stamp(r.1, "16:05:00"));
        self.st.action.execute(params![
            id,
            meeting,
            case_id,
            self.agencies[owner].id,
            officer,
            wording,
            due.map(ymd),
            status,
            count(position),
            created,
            taker,
            updated,
            completed
        ])?;
        for (n, (status, on, note)) in reports.into_iter().enumerate() {
            let update = self.id();
            self.st.update.execute(params![
                update,
                id,
                stamp(on, "16:05:00"),
                status,
                note,
                at_meeting.as_ref().filter(|_| n == last_report),
                taker,
                ymd(on)
            ])?;
        }
        Ok(())
    }

    /// Each case's status as its last step left it.
    fn final_statuses(&mut self) -> CoreResult<()> {
        let mut update = self
            .conn
            .prepare("UPDATE person_case SET status = ?2 WHERE id = ?1")?;
        for c in &self.cases {
            if c.status != "accepted" {
                update.execute(params![c.id, c.status])?;
            }
        }
        Ok(())
    }
}
