//! Research before a meeting (issue 18). The coordinator publishes a
//! meeting's case list with the last day for answers; every agency expected
//! at the meeting then researches each case through its own account
//! ([`agency`]), and its answers are its shares of the meeting, marked as
//! researched in advance, which the cockpit shows and the panel may edit in
//! the meeting (every change audited by the store). Here: publishing, the
//! coordinator's grid of who has researched what, and reminders.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::dates::parse_date;
use crate::domain::research::{ResearchAgency, ResearchGrid, ResearchRequestInput, ResearchRow};
use crate::domain::running::ShareState;
use crate::error::{CoreError, CoreResult};
use crate::store::Engine;
use crate::store::codec::{now, ymd};
use crate::store::sql::Db;
use crate::tables::research as table;

pub mod agency;

/// A date as the messages say it: "Thursday 10 December 2026".
fn long_date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_or_else(|_| iso.to_owned(), |d| d.format("%A %-d %B %Y").to_string())
}

/// What is known of a meeting for research: its date, whether it has been
/// held, its panel's name.
struct MeetingFacts {
    date: String,
    held: bool,
    panel_name: String,
}

fn meeting(db: &dyn Db, meeting_id: Uuid) -> CoreResult<MeetingFacts> {
    let (date, status, panel_name) =
        table::meeting(db, meeting_id)?.ok_or(CoreError::NotFound("That meeting"))?;
    Ok(MeetingFacts {
        date,
        held: status == "held",
        panel_name,
    })
}

/// Answers are taken until the end of the last day, while the meeting has
/// not been held.
fn is_open(held: bool, due_on: &str, today: NaiveDate) -> bool {
    !held && ymd(today).as_str() <= due_on
}

/// Publishes the meeting's case list for research by the agencies expected
/// at it, or moves its last day; returns the grid.
pub fn publish(
    store: &mut impl Engine,
    meeting_id: Uuid,
    input: &ResearchRequestInput,
    today: NaiveDate,
) -> CoreResult<ResearchGrid> {
    let typed = input.due_on.trim();
    let due_on = if typed.is_empty() {
        return Err(CoreError::field(
            "due_on",
            "Enter the last day agencies may send their research.",
        ));
    } else {
        parse_date(typed, today)
            .ok_or_else(|| CoreError::field("due_on", "Enter a date, like 10/12/2026."))?
    };
    if due_on < today {
        return Err(CoreError::field(
            "due_on",
            "The last day for research cannot be in the past.",
        ));
    }
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let facts = meeting(tx, meeting_id)?;
        if facts.held {
            return Err(CoreError::Conflict(
                "This meeting has been held: research is asked for before a meeting.".into(),
            ));
        }
        if ymd(due_on) > facts.date {
            return Err(CoreError::field(
                "due_on",
                format!(
                    "The last day for research must be on or before the meeting, {}.",
                    long_date(&facts.date)
                ),
            ));
        }
        if table::subjects(tx, meeting_id)?.is_empty() {
            return Err(CoreError::Conflict(
                "There are no cases on the agenda yet: add them, then publish the list.".into(),
            ));
        }
        if table::expected(tx, meeting_id)?.is_empty() {
            return Err(CoreError::Conflict(
                "No agencies are expected at this meeting, so there is no one to ask.".into(),
            ));
        }
        table::publish(tx, meeting_id, &ymd(due_on), (&actor, &now()))?;
        grid_in(tx, meeting_id, today)
    })
}

/// Who has researched what for the meeting (before publishing: who will
/// be asked about which cases).
pub fn grid(
    store: &mut impl Engine,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<ResearchGrid> {
    store.read(|db| grid_in(db, meeting_id, today))
}

fn grid_in(db: &dyn Db, meeting_id: Uuid, today: NaiveDate) -> CoreResult<ResearchGrid> {
    let facts = meeting(db, meeting_id)?;
    let request = table::request(db, meeting_id)?;
    let expected = table::expected(db, meeting_id)?;
    let reminders = table::reminders(db, meeting_id)?;
    let answers = table::answers(db, meeting_id, None)?;
    let answer_of = |case: Uuid, agency: Uuid| -> CoreResult<Option<ShareState>> {
        for row in &answers {
            if row.get::<Uuid>(0)? == case && row.get::<Uuid>(1)? == agency {
                let state: String = row.get(2)?;
                return Ok(ShareState::parse(&state));
            }
        }
        Ok(None)
    };
    let mut cases = Vec::new();
    for subject in table::subjects(db, meeting_id)? {
        let case_id: Uuid = subject.get(0)?;
        let answers = expected
            .iter()
            .map(|(agency, _, _)| answer_of(case_id, *agency))
            .collect::<CoreResult<Vec<_>>>()?;
        cases.push(ResearchRow {
            case_id,
            reference: subject.get(1)?,
            subject_name: subject.get(2)?,
            answers,
        });
    }
    let agencies = expected
        .into_iter()
        .enumerate()
        .map(|(i, (agency_id, agency_name, short_code))| ResearchAgency {
            researched: cases.iter().filter(|c| c.answers[i].is_some()).count() as u32,
            reminded_at: reminders
                .iter()
                .find(|(a, _)| *a == agency_id)
                .map(|(_, at)| at.clone()),
            agency_id,
            agency_name,
            short_code,
        })
        .collect();
    let open = request
        .as_ref()
        .is_some_and(|(due_on, _, _)| is_open(facts.held, due_on, today));
    let (due_on, published_at, published_by) = match request {
        Some((due, at, by)) => (Some(due), Some(at), Some(by)),
        None => (None, None, None),
    };
    Ok(ResearchGrid {
        meeting_id,
        due_on,
        published_at,
        published_by,
        open,
        agencies,
        cases,
    })
}

/// Reminds an expected agency that its research is awaited: its list shows
/// the reminder, and the audit log records it.
pub fn remind(
    store: &mut impl Engine,
    meeting_id: Uuid,
    agency_id: Uuid,
    today: NaiveDate,
) -> CoreResult<ResearchGrid> {
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let facts = meeting(tx, meeting_id)?;
        let (due_on, _, _) = table::request(tx, meeting_id)?.ok_or_else(|| {
            CoreError::Conflict(
                "Publish the case list for research before reminding anyone.".into(),
            )
        })?;
        if !table::is_expected(tx, meeting_id, agency_id)? {
            return Err(CoreError::NotFound("That agency at this meeting"));
        }
        if !is_open(facts.held, &due_on, today) {
            return Err(CoreError::Conflict(format!(
                "Research closed on {}: there is nothing left to remind them of.",
                long_date(&due_on)
            )));
        }
        table::remind(tx, meeting_id, agency_id, (&actor, &now()))?;
        grid_in(tx, meeting_id, today)
    })
}
