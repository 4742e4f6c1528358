//! Referrals: new cases, their people and histories, triage, and each panel's run of meetings.

use chrono::NaiveDate;
use rusqlite::params;

use super::*;

/// A referral being recorded: what its row needs beyond what is drawn.
struct Referral<'a> {
    id: &'a str,
    reference: &'a str,
    person: &'a Person,
    referred: NaiveDate,
    /// The person was referred before.
    repeat: bool,
    /// The earlier case, when confirmed as the same person.
    repeat_of: Option<&'a str>,
    created: &'a str,
}

impl Gen<'_> {
    /// A new referral to panel `p`: the case, its search entry, maybe a
    /// linked person, and, for a person referred before, a confirmed or
    /// offered repeat. Returns the case's index.
    pub(super) fn refer(
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
        let repeat_of = match (earlier, decided) {
            (Some(e), true) => Some(self.cases[e].id.clone()),
            _ => None,
        };
        let created = stamp(referred, "09:12:00");
        let referral = Referral {
            id: &id,
            reference: &reference,
            person: &person,
            referred,
            repeat: earlier.is_some(),
            repeat_of: repeat_of.as_deref(),
            created: &created,
        };
        let children = self.case_row(p, members, &referral)?;
        search::index_case(self.conn, crate::store::codec::parse_id(&id)?)?;
        self.maybe_linked(&id)?;
        let taker = self.pick(text::MINUTE_TAKERS);
        self.event(&id, &created, "referred", "Referral recorded.", taker)?;
        if let Some(e) = earlier {
            self.repeat_match(&id, e, decided, referred, taker)?;
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

    /// The case's row, its details drawn here (referrer, route, concerns,
    /// consent, address...). Returns the children in the household.
    fn case_row(
        &mut self,
        p: usize,
        members: &[usize],
        referral: &Referral<'_>,
    ) -> CoreResult<u32> {
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
        let route = self.route(referral.repeat);
        let concerns = self.concerns(p);
        let consent = match self.rng.u32(0..10) {
            0..=6 => Consent::Given,
            7..=8 => Consent::NotGiven,
            _ => Consent::NotSought,
        };
        let lawful = (consent != Consent::Given)
            .then_some("Sharing without consent to prevent serious harm (DPA 2018 Sch 8 para 4).");
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
        let person = referral.person;
        self.st.case.execute(params![
            referral.id,
            self.panel_ids[p],
            referral.reference,
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
            ymd(referral.referred),
            route.as_str(),
            reason,
            serde_json::to_string(&concerns).unwrap_or_else(|_| "[]".into()),
            consent.as_str(),
            lawful,
            children,
            (children > 0).then_some("Children in the household."),
            lead,
            referral.repeat_of,
            referral.created,
        ])?;
        Ok(children)
    }

    /// How the case came: a person referred before comes back as a repeat.
    fn route(&mut self, repeat: bool) -> ReferralRoute {
        match (repeat, self.rng.u32(0..10)) {
            (true, _) => ReferralRoute::Repeat,
            (false, 0..=2) => ReferralRoute::RiskScore,
            (false, 3..=5) => ReferralRoute::ProfessionalJudgement,
            (false, 6..=7) => ReferralRoute::Automatic,
            (false, _) => ReferralRoute::Escalation,
        }
    }

    /// One of the panel's concerns, now and then two.
    fn concerns(&mut self, p: usize) -> Vec<&'static str> {
        let plan = &PANELS[p];
        let mut concerns = vec![self.pick(plan.concerns)];
        if plan.concerns.len() > 1 && self.percent(40) {
            let other = self.pick(plan.concerns);
            if other != concerns[0] {
                concerns.push(other);
            }
        }
        concerns
    }

    /// One case in five has a linked person, half of them to keep apart.
    fn maybe_linked(&mut self, case_id: &str) -> CoreResult<()> {
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
                .execute(params![link_id, case_id, linked, relationship, keep_apart])?;
        }
        Ok(())
    }

    /// The case matched to the earlier case `earlier`: confirmed as the
    /// same person (`decided`), or offered and waiting for a decision.
    fn repeat_match(
        &mut self,
        case_id: &str,
        earlier: usize,
        decided: bool,
        referred: NaiveDate,
        taker: &str,
    ) -> CoreResult<()> {
        let other = self.cases[earlier].id.clone();
        let other_ref = self.cases[earlier].reference.clone();
        let at = stamp(referred, "09:20:00");
        if decided {
            self.st
                .repeat
                .execute(params![case_id, other, true, at, taker])?;
            let detail = format!("Confirmed as the same person as case {other_ref}.");
            self.event(case_id, &at, "repeat_confirmed", &detail, taker)?;
        } else {
            self.st.repeat.execute(params![
                case_id,
                other,
                None::<bool>,
                None::<String>,
                None::<String>
            ])?;
        }
        Ok(())
    }

    pub(super) fn accept(&mut self, case: usize) -> CoreResult<()> {
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

    pub(super) fn panel_history(&mut self, p: usize) -> CoreResult<()> {
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

    pub(super) fn referrals(&mut self, mean: f64) -> usize {
        let base = mean.floor();
        let extra = usize::from(self.rng.f64() < mean - base);
        let jitter = self.rng.usize(0..=6);
        // Symmetric spread of three either side of the mean.
        (base as usize + extra + jitter).saturating_sub(3)
    }

    pub(super) fn redirect_at_triage(&mut self, case: usize, date: NaiveDate) -> CoreResult<()> {
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
    pub(super) fn notices(&mut self, carried: &mut Carried, date: NaiveDate) -> Vec<usize> {
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

    pub(super) fn meeting_row(
        &mut self,
        p: usize,
        k: usize,
        calendar: &Calendar,
    ) -> CoreResult<()> {
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
}
