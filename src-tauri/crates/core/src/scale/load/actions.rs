//! Actions agreed at hearings and the reports on them, and each case's final status.

use chrono::NaiveDate;
use rusqlite::params;

use super::*;

/// A report on an action: status, date, note.
type Report = (&'static str, NaiveDate, &'static str);

impl Gen<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn agree_action(
        &mut self,
        meeting: &str,
        agreed: NaiveDate,
        case: usize,
        owner: usize,
        position: usize,
        taker: &str,
        calendar: &Calendar,
    ) -> CoreResult<()> {
        let due = (!self.percent(3)).then(|| days(agreed, 7 * self.pick(&[2, 3, 4, 6])));
        let due_or = due.unwrap_or(days(agreed, 28));
        let mut reports = self.reports(agreed, due_or);
        let at_meeting = self.last_report_at_meeting(&mut reports, calendar);
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

    /// What the owner reported on an action agreed on `agreed`, due (or
    /// taken as due) on `due_or`, up to today: status, date, note.
    fn reports(&mut self, agreed: NaiveDate, due_or: NaiveDate) -> Vec<Report> {
        let today = self.today;
        let mut reports: Vec<Report> = Vec::new();
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
        reports
    }

    /// One last report in five is made at the panel's next meeting: moves
    /// it to that meeting's date and returns the meeting.
    fn last_report_at_meeting(
        &mut self,
        reports: &mut [Report],
        calendar: &Calendar,
    ) -> Option<String> {
        let today = self.today;
        if let Some(last) = reports.last_mut()
            && let Some(j) = calendar.at_or_after(last.1)
            && calendar.dates[j] <= today
            && self.rng.u32(0..100) < 20
        {
            last.1 = calendar.dates[j];
            return Some(calendar.ids[j].clone());
        }
        None
    }

    /// Each case's status as its last step left it.
    pub(super) fn final_statuses(&mut self) -> CoreResult<()> {
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
