//! A meeting held: attendance, the cases heard, what each agency shared.

use chrono::NaiveDate;
use rusqlite::params;

use super::*;

/// A hearing's outcome, the case's status after, the reason given, and in
/// how many meetings the case comes back.
type Outcome = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<usize>,
);

/// Agencies present, and those who share (present, or in writing: `true`).
type Attendance = (Vec<usize>, Vec<(usize, bool)>);

/// One meeting being held: what each hearing at it needs to know.
#[derive(Clone, Copy)]
struct Held<'a> {
    meeting: &'a str,
    /// Its place in the panel's calendar.
    k: usize,
    date: NaiveDate,
    taker: &'a str,
    /// The MARAC's latest meeting, the benchmark's documents' subject.
    big: bool,
    calendar: &'a Calendar,
}

impl Gen<'_> {
    /// Meeting `k` of panel `p`'s calendar, held: who came, its agenda,
    /// each case heard and the actions agreed.
    pub(super) fn hold_meeting(
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
        let (present, sharers) = self.attendance(&meeting, members, big)?;
        self.agenda_items(p, &meeting, (&new_cases, &reviews, &notices))?;
        let heard: Vec<usize> = new_cases.iter().chain(reviews.iter()).copied().collect();
        let held = Held {
            meeting: &meeting,
            k,
            date,
            taker,
            big,
            calendar,
        };
        self.hear_all(&held, &heard, (&present, &sharers), carried)
    }

    /// Who came (at the big meeting exactly 25 agencies are present):
    /// those present, and those who share (present or in writing).
    fn attendance(
        &mut self,
        meeting: &str,
        members: &[usize],
        big: bool,
    ) -> CoreResult<Attendance> {
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
        Ok((present, sharers))
    }

    /// The agenda, in the order the agenda service builds it, each item
    /// with the seconds it actually took.
    fn agenda_items(
        &mut self,
        p: usize,
        meeting: &str,
        (new_cases, reviews, notices): (&[usize], &[usize], &[usize]),
    ) -> CoreResult<()> {
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
        Ok(())
    }

    /// Each case heard, with the actions agreed on it (at the big meeting
    /// 300, shared round those present); carries each case to its review
    /// or, once closed, to its anniversary notice.
    fn hear_all(
        &mut self,
        held: &Held<'_>,
        heard: &[usize],
        (present, sharers): (&[usize], &[(usize, bool)]),
        carried: &mut Carried,
    ) -> CoreResult<()> {
        let Held {
            meeting,
            k,
            date,
            taker,
            big,
            calendar,
        } = *held;
        let mut action_number = 0usize;
        for (n, &case) in heard.iter().enumerate() {
            let actions = if big {
                if n < 20 { 8 } else { 7 }
            } else {
                self.rng.usize(2..=6)
            };
            let next = self.hear(case, meeting, date, taker, sharers, big)?;
            for _ in 0..actions {
                let owner = if big {
                    present[action_number % present.len()]
                } else {
                    self.pick(present)
                };
                self.agree_action(meeting, date, case, owner, action_number, taker, calendar)?;
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
    pub(super) fn hear(
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
        let (outcome, status, reason, back) = self.outcome(big || !final_hearing);
        let review_due = back.map(|gap| days(date, 14 * count(gap)));
        self.hearing_row(
            &case_id,
            meeting,
            date,
            taker,
            (outcome, review_due, reason),
        )?;
        let at = stamp(date, "11:40:00");
        let detail = format!("Heard at the meeting on {}: {outcome}.", ymd(date));
        self.event(&case_id, &at, "heard", &detail, taker)?;
        self.shares(&case_id, meeting, date, taker, sharers, big)?;
        let c = &mut self.cases[case];
        c.status = status;
        c.hearings_left = c
            .hearings_left
            .saturating_sub(1)
            .max(u32::from(back.is_some()));
        Ok(back)
    }

    /// What the panel decided: outcome, the case's status after, the
    /// reason given, in how many meetings it comes back. A case that must
    /// come back (`again`) is continued, escalated or deferred; otherwise
    /// it is closed, or now and then redirected.
    fn outcome(&mut self, again: bool) -> Outcome {
        if again {
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
        }
    }

    /// The hearing's row: outcome, review date and reason as decided; the
    /// risk level, its matrix and the minutes' words drawn here.
    fn hearing_row(
        &mut self,
        case_id: &str,
        meeting: &str,
        date: NaiveDate,
        taker: &str,
        (outcome, review_due, reason): (&str, Option<NaiveDate>, Option<&str>),
    ) -> CoreResult<()> {
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
        Ok(())
    }

    /// What the agencies shared on the case: some of those who came (or
    /// wrote), in a drawn order.
    fn shares(
        &mut self,
        case_id: &str,
        meeting: &str,
        date: NaiveDate,
        taker: &str,
        sharers: &[(usize, bool)],
        big: bool,
    ) -> CoreResult<()> {
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
        Ok(())
    }
}
