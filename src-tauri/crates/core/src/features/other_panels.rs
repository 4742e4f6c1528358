//! The same person across panels (issue 19). When a case's person, one of
//! its perpetrators or one of its linked people is, by name and date of
//! birth (accents and scripts ignored), the person or a perpetrator of a
//! case at another panel, the coordinator sees that case's reference and
//! panel, nothing of its content, on the case's page, at triage and in the
//! cockpit; they confirm or dismiss it, and the answer is kept and audited.
//! Linked people carry no date of birth, so theirs match on the name alone
//! and are offered as "possible".

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::{CaseDetail, OtherPanelMatch};
use crate::error::{CoreError, CoreResult};
use crate::matching::{Identity, compare, normalise};
use crate::store::Engine;
use crate::store::codec::now;
use crate::store::sql::{Answers, Batch, Ticket, Values};
use crate::tables::other_panels as table;

struct Person {
    who: String,
    name: String,
    aliases: Vec<String>,
    date_of_birth: Option<NaiveDate>,
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn people_of(case: &CaseDetail) -> Vec<Person> {
    let mut people = vec![Person {
        who: "The person".into(),
        name: case.input.subject_name.clone(),
        aliases: case.input.aliases.clone(),
        date_of_birth: date(&case.input.date_of_birth),
    }];
    for p in &case.referral.perpetrators {
        people.push(Person {
            who: format!("Perpetrator {}", p.name),
            name: p.name.clone(),
            aliases: p.aliases.clone(),
            date_of_birth: date(&p.date_of_birth),
        });
    }
    for l in &case.linked_people {
        people.push(Person {
            who: format!("Linked person {}", l.name),
            name: l.name.clone(),
            aliases: Vec::new(),
            date_of_birth: None,
        });
    }
    people
}

/// The look-up of the other panels' cases that may hold one of a case's
/// people, added to a batch: it needs the case's people, so the case's
/// page sends it after the case's own rows, with the repeats' reads.
pub(crate) struct OtherPanelReads {
    people: Vec<Person>,
    candidates: Ticket,
}

impl OtherPanelReads {
    pub(crate) fn add(batch: &mut Batch, case: &CaseDetail) -> Self {
        let people = people_of(case);
        let mut dates: Vec<String> = people
            .iter()
            .filter_map(|p| p.date_of_birth.map(|d| d.format("%Y-%m-%d").to_string()))
            .collect();
        dates.sort();
        dates.dedup();
        let keys: Vec<String> = people
            .iter()
            .filter(|p| p.date_of_birth.is_none())
            .map(|p| normalise(&p.name))
            .filter(|k| !k.is_empty())
            .collect();
        Self {
            candidates: table::candidates_in(batch, case.panel_id, &dates, &keys),
            people,
        }
    }

    /// The matches, strongest first; dismissed ones left out. `decisions`
    /// are the coordinator's answers so far ([`table::decisions_in`]).
    pub(crate) fn matches(
        self,
        answers: &mut Answers,
        decisions: &[(Uuid, String, bool)],
    ) -> CoreResult<Vec<OtherPanelMatch>> {
        matches_from(answers.take(self.candidates)?, &self.people, decisions)
    }
}

fn matches_from(
    rows: Vec<Values>,
    people: &[Person],
    decisions: &[(Uuid, String, bool)],
) -> CoreResult<Vec<OtherPanelMatch>> {
    let mut found: Vec<OtherPanelMatch> = Vec::new();
    for r in rows {
        let (other, reference, panel_name, name): (Uuid, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let aliases: Vec<String> = serde_json::from_str(&r.get::<String>(4)?).unwrap_or_default();
        let dob = r.get::<Option<String>>(5)?.as_deref().and_then(date);
        let known = Identity {
            name: &name,
            aliases: &aliases,
            date_of_birth: dob,
        };
        for p in people {
            let ours = Identity {
                name: &p.name,
                aliases: &p.aliases,
                date_of_birth: p.date_of_birth,
            };
            let Some(m) = compare(&ours, &known) else {
                continue;
            };
            let decided = decisions
                .iter()
                .find(|(o, w, _)| *o == other && *w == p.who);
            if matches!(decided, Some((_, _, false)))
                || found
                    .iter()
                    .any(|f| f.other_case_id == other && f.who == p.who)
            {
                continue;
            }
            found.push(OtherPanelMatch {
                other_case_id: other,
                reference: reference.clone(),
                panel_name: panel_name.clone(),
                who: p.who.clone(),
                strength: m.strength,
                confirmed: matches!(decided, Some((_, _, true))),
            });
        }
    }
    found.sort_by(|a, b| {
        b.strength
            .cmp(&a.strength)
            .then(a.reference.cmp(&b.reference))
    });
    Ok(found)
}

/// The coordinator's answer: `same` confirms, otherwise dismisses (it is no
/// longer offered). Returns the case.
pub fn decide(
    store: &mut impl Engine,
    (case_id, other_case_id, who): (Uuid, Uuid, &str),
    same: bool,
    today: NaiveDate,
) -> CoreResult<CaseDetail> {
    let actor = store.actor().to_owned();
    store.write(|db| {
        let case = super::cases::get(db, case_id, today)?;
        if !case
            .other_panels
            .iter()
            .any(|m| m.other_case_id == other_case_id && m.who == who)
        {
            return Err(CoreError::NotFound("That match with another panel's case"));
        }
        table::decide(db, (case_id, other_case_id, who), same, (&actor, &now()))?;
        let words = if same {
            "confirmed as"
        } else {
            "dismissed as not"
        };
        let reference = crate::tables::cases::reference_of(db, other_case_id)?.unwrap_or_default();
        super::cases::record_event(
            db,
            case_id,
            "other_panel",
            &format!("{who} {words} the same person as in case {reference} of another panel."),
            &actor,
        )?;
        super::cases::get(db, case_id, today)
    })
}
