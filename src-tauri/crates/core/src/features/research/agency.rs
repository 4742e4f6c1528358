//! Research as an agency's representative does it: the meetings its agency
//! is asked to research, each one's case list (only what it needs to find
//! the person in its own records) and its answers, before the last day.
//! PostgreSQL shows such an account only those rows (migration 19); this is
//! the application's own layer over that: the agency always comes from the
//! signed-in account, every look is audited with the cases it showed, and
//! the rules (known / not known, a reason for what is withheld, the
//! deadline, the case still on the agenda) are checked here, once.

use chrono::NaiveDate;
use uuid::Uuid;

use super::{is_open, long_date, meeting};
use crate::domain::research::{ResearchAnswer, ResearchList, ResearchMeeting, ResearchSubject};
use crate::domain::running::{ShareInput, ShareState};
use crate::error::{CoreError, CoreResult};
use crate::features::running::{refuse_stale, valid_share};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::{Db, Values};
use crate::tables::research as table;

const NOT_ASKED: CoreError = CoreError::NotFound("That research request");

/// The meetings the agency is asked to research and not yet held, latest
/// first (audited). Once a meeting is held its case list is no longer shown:
/// what the agency answered is in the meeting's record.
pub fn meetings(
    store: &mut impl Engine,
    agency: Uuid,
    today: NaiveDate,
) -> CoreResult<Vec<ResearchMeeting>> {
    store.write(|tx| {
        let listed = table::meetings_for(tx, agency)?
            .into_iter()
            .map(|m| summary(tx, agency, m, today))
            .collect::<CoreResult<Vec<_>>>()?;
        let detail = format!("{} meetings to research listed", listed.len());
        crate::audit::record(
            tx,
            "view",
            "research requests",
            Some(&agency.to_string()),
            Some(&detail),
        )?;
        Ok(listed)
    })
}

/// One meeting as the agency's list shows it.
fn summary(
    db: &dyn Db,
    agency: Uuid,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<ResearchMeeting> {
    let (due_on, _, _) = table::request(db, meeting_id)?.ok_or(NOT_ASKED)?;
    if !table::is_expected(db, meeting_id, agency)? {
        return Err(NOT_ASKED);
    }
    let facts = meeting(db, meeting_id)?;
    if facts.held {
        // Need to know ends with the meeting (PostgreSQL: migration 27).
        return Err(NOT_ASKED);
    }
    let subjects = table::subjects(db, meeting_id)?;
    let answered = answered_cases(db, meeting_id, agency)?;
    let researched = subjects
        .iter()
        .filter(|s| s.get::<Uuid>(0).is_ok_and(|c| answered.contains(&c)))
        .count();
    let reminded_at = table::reminders(db, meeting_id)?
        .into_iter()
        .find(|(a, _)| *a == agency)
        .map(|(_, at)| at);
    Ok(ResearchMeeting {
        meeting_id,
        panel_name: facts.panel_name,
        meeting_date: facts.date,
        open: is_open(facts.held, &due_on, today),
        due_on,
        cases: subjects.len() as u32,
        researched: researched as u32,
        reminded_at,
    })
}

fn answered_cases(db: &dyn Db, meeting_id: Uuid, agency: Uuid) -> CoreResult<Vec<Uuid>> {
    table::answers(db, meeting_id, Some(agency))?
        .iter()
        .map(|r| r.get(0))
        .collect()
}

fn answer(row: &Values) -> CoreResult<ResearchAnswer> {
    let state: String = row.get(2)?;
    Ok(ResearchAnswer {
        state: ShareState::parse(&state).unwrap_or(ShareState::NotKnown),
        facts: row.get(3)?,
        opinion: row.get(4)?,
        withheld: row.get(5)?,
        withheld_reason: row.get(6)?,
        updated_by: row.get(7)?,
        version: row.get(8)?,
    })
}

fn subjects(db: &dyn Db, meeting_id: Uuid, agency: Uuid) -> CoreResult<Vec<ResearchSubject>> {
    let answers = table::answers(db, meeting_id, Some(agency))?;
    table::subjects(db, meeting_id)?
        .iter()
        .map(|s| {
            let case_id: Uuid = s.get(0)?;
            let aliases: String = s.get(3)?;
            let answer = answers
                .iter()
                .find(|a| a.get::<Uuid>(0).is_ok_and(|c| c == case_id))
                .map(answer)
                .transpose()?;
            Ok(ResearchSubject {
                case_id,
                reference: s.get(1)?,
                subject_name: s.get(2)?,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                date_of_birth: s.get(4)?,
                address: s.get(5)?,
                postcode: s.get(6)?,
                answer,
            })
        })
        .collect()
}

/// A meeting's case list to research, with the agency's answers so far
/// (audited, with the references it showed).
pub fn list(
    store: &mut impl Engine,
    agency: Uuid,
    meeting_id: Uuid,
    today: NaiveDate,
) -> CoreResult<ResearchList> {
    store.write(|tx| {
        let meeting = summary(tx, agency, meeting_id, today)?;
        let cases = subjects(tx, meeting_id, agency)?;
        let references: Vec<&str> = cases.iter().map(|c| c.reference.as_str()).collect();
        let detail = format!("case list for research: {}", references.join(", "));
        crate::audit::record(
            tx,
            "view",
            "research",
            Some(&meeting_id.to_string()),
            Some(&detail),
        )?;
        Ok(ResearchList { meeting, cases })
    })
}

/// The agency's answer on one case, before the last day: known or not
/// known, facts, opinion, and what it will not share and why. Saved as its
/// share of the meeting, marked as researched in advance.
pub fn answer_case(
    store: &mut impl Engine,
    agency: Uuid,
    (meeting_id, case_id): (Uuid, Uuid),
    input: &ShareInput,
    today: NaiveDate,
) -> CoreResult<ResearchSubject> {
    if !matches!(input.state, ShareState::Known | ShareState::NotKnown) {
        return Err(CoreError::field(
            "state",
            "Say whether your agency knows this person.",
        ));
    }
    let [facts, opinion, withheld, withheld_reason] = valid_share(input)?;
    let actor = store.actor().to_owned();
    store.write(|tx| {
        let (due_on, _, _) = table::request(tx, meeting_id)?.ok_or(NOT_ASKED)?;
        if !table::is_expected(tx, meeting_id, agency)? {
            return Err(NOT_ASKED);
        }
        let facts_of_meeting = meeting(tx, meeting_id)?;
        if facts_of_meeting.held {
            return Err(CoreError::Conflict(
                "The meeting has been held, so research for it is closed. Nothing was saved."
                    .into(),
            ));
        }
        if !is_open(false, &due_on, today) {
            return Err(CoreError::Conflict(format!(
                "Research for this meeting closed on {}. Nothing was saved: bring what you \
                 hold to the meeting, or send it to the coordinator.",
                long_date(&due_on)
            )));
        }
        if !crate::tables::running::on_agenda(tx, meeting_id, case_id)? {
            return Err(CoreError::Conflict(
                "That case is no longer on this meeting's agenda (it was withdrawn), so it \
                 needs no research. Nothing was saved."
                    .into(),
            ));
        }
        let key = (meeting_id, case_id, agency);
        refuse_stale(tx, key, input.based_on.as_deref())?;
        crate::tables::running::save_share(
            tx,
            key,
            (
                input.state.as_str(),
                &facts,
                &opinion,
                &withheld,
                &withheld_reason,
            ),
            (&actor, &now()),
            true,
        )?;
        subjects(tx, meeting_id, agency)?
            .into_iter()
            .find(|s| s.case_id == case_id)
            .ok_or(CoreError::NotFound("That case"))
    })
}
