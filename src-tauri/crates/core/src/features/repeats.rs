//! Finding earlier cases that may be the same person, offering them to the
//! coordinator, and showing the offers. The matching rules are in
//! `crate::matching`; this module finds candidates fast (an in-memory index
//! keyed by name tokens, their consonant skeletons and the date of birth) so
//! a 10,000-row import stays quick.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::RepeatCandidate;
use crate::error::CoreResult;
use crate::matching::{
    Identity, MatchStrength, NameMatch, compare, dates_compatible, skeleton, tokens,
};
use crate::store::sql::Db;
use crate::tables::repeats as table;

#[derive(Debug, Clone)]
pub(crate) struct Known {
    pub id: Uuid,
    pub name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub referral_date: String,
}

#[derive(Debug, Default)]
pub(crate) struct RepeatIndex {
    cases: Vec<Known>,
    by_key: HashMap<String, Vec<usize>>,
}

fn keys(name: &str, aliases: &[String], dob: Option<NaiveDate>) -> Vec<String> {
    let mut keys = Vec::new();
    for n in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        for t in tokens(n) {
            if t.len() >= 2 {
                keys.push(format!("s:{}", skeleton(&t)));
                keys.push(format!("t:{t}"));
            }
        }
        keys.push(format!("j:{}", tokens(n).concat()));
    }
    if let Some(d) = dob {
        keys.push(format!("d:{d}"));
    }
    keys.sort();
    keys.dedup();
    keys
}

impl RepeatIndex {
    /// Every case of the panel.
    pub fn build(db: &dyn Db, panel_id: Uuid) -> CoreResult<Self> {
        let mut index = Self::default();
        for (id, (name, aliases, date_of_birth, referral_date)) in table::identities(db, panel_id)?
        {
            index.add(Known {
                id,
                name,
                aliases: serde_json::from_str(&aliases).unwrap_or_default(),
                date_of_birth,
                referral_date,
            });
        }
        Ok(index)
    }

    pub fn add(&mut self, known: Known) {
        let at = self.cases.len();
        for key in keys(&known.name, &known.aliases, known.date_of_birth) {
            self.by_key.entry(key).or_default().push(at);
        }
        self.cases.push(known);
    }

    /// Known cases that may be this person, best first.
    pub fn candidates(&self, identity: &Identity<'_>) -> Vec<(&Known, NameMatch)> {
        let mut seen: Vec<usize> = keys(identity.name, identity.aliases, identity.date_of_birth)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let mut found: Vec<(&Known, NameMatch)> = seen
            .into_iter()
            .filter_map(|i| self.cases.get(i))
            .filter(|known| dates_compatible(identity.date_of_birth, known.date_of_birth))
            .filter_map(|known| {
                let other = Identity {
                    name: &known.name,
                    aliases: &known.aliases,
                    date_of_birth: known.date_of_birth,
                };
                compare(identity, &other).map(|m| (known, m))
            })
            .collect();
        found.sort_by(|a, b| {
            b.1.strength
                .cmp(&a.1.strength)
                .then(b.1.name_score.total_cmp(&a.1.name_score))
        });
        found
    }
}

/// Records offers for `case_id` against earlier cases in `index` (not itself,
/// not ones already decided). Returns how many were offered.
pub(crate) fn offer(db: &dyn Db, index: &RepeatIndex, case_id: Uuid) -> CoreResult<usize> {
    let (name, aliases, dob, referral_date) =
        table::identity(db, case_id)?.ok_or(crate::error::CoreError::NotFound("That case"))?;
    let aliases: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
    let identity = Identity {
        name: &name,
        aliases: &aliases,
        date_of_birth: dob,
    };
    offer_to(db, index, case_id, &identity, &referral_date)
}

/// Records offers for a case whose identity and referral date
/// (YYYY-MM-DD) the caller holds: an import's new cases.
pub(crate) fn offer_to(
    db: &dyn Db,
    index: &RepeatIndex,
    case_id: Uuid,
    identity: &Identity<'_>,
    referral_date: &str,
) -> CoreResult<usize> {
    table::offer_all(db, &offers_for(index, case_id, identity, referral_date))
}

/// The offers for one case: the earlier cases that may be the same person
/// (none referred after it). Made by [`table::offer_all`], for one case or
/// for a whole import at once.
pub(crate) fn offers_for(
    index: &RepeatIndex,
    case_id: Uuid,
    identity: &Identity<'_>,
    referral_date: &str,
) -> Vec<table::Offer> {
    index
        .candidates(identity)
        .into_iter()
        .filter(|(known, _)| known.id != case_id && known.referral_date.as_str() <= referral_date)
        .map(|(known, m)| table::Offer {
            case: case_id,
            other: known.id,
            strength: strength_str(m.strength),
            reason: m.reason,
        })
        .collect()
}

fn strength_str(s: MatchStrength) -> &'static str {
    match s {
        MatchStrength::Strong => "strong",
        MatchStrength::Probable => "probable",
    }
}

/// Drops the offers not yet decided (the case's name or birth date changed).
pub(crate) fn forget_undecided(db: &dyn Db, case_id: Uuid) -> CoreResult<()> {
    table::forget_undecided(db, case_id)
}

/// Records the coordinator's answer; false if there was no such offer.
pub(crate) fn decide(
    db: &dyn Db,
    case_id: Uuid,
    other: Uuid,
    same_person: bool,
    actor: &str,
) -> CoreResult<bool> {
    table::decide(
        db,
        case_id,
        other,
        same_person,
        &crate::store::codec::now(),
        actor,
    )
}

/// Once one offer is confirmed, the others are answered "not the same".
pub(crate) fn settle_others(db: &dyn Db, case_id: Uuid, actor: &str) -> CoreResult<()> {
    table::settle_others(db, case_id, &crate::store::codec::now(), actor)
}

/// The first perpetrator of `case` who is, by name and date of birth
/// (accents and scripts ignored), a perpetrator of `other` too.
fn same_perpetrator(db: &dyn Db, case: Uuid, other: Uuid) -> CoreResult<Option<String>> {
    let mut both = super::referral::perpetrators_of(db, &[case, other])?;
    let ours = both.remove(&case).unwrap_or_default();
    if ours.is_empty() {
        return Ok(None);
    }
    let theirs = both.remove(&other).unwrap_or_default();
    let identity = |p: &crate::domain::referral::PerpetratorInput| {
        (
            p.name.clone(),
            p.aliases.clone(),
            NaiveDate::parse_from_str(&p.date_of_birth, "%Y-%m-%d").ok(),
        )
    };
    for a in &ours {
        let (name, aliases, dob) = identity(a);
        for b in &theirs {
            let (their_name, their_aliases, their_dob) = identity(b);
            let known = Identity {
                name: &their_name,
                aliases: &their_aliases,
                date_of_birth: their_dob,
            };
            if compare(
                &Identity {
                    name: &name,
                    aliases: &aliases,
                    date_of_birth: dob,
                },
                &known,
            )
            .is_some()
            {
                return Ok(Some(a.name.clone()));
            }
        }
    }
    Ok(None)
}

/// SafeLives' repeat window: the earlier referral within the twelve months
/// before this one.
fn within_twelve_months(earlier: &str, this: &str) -> bool {
    let parse = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    match (parse(earlier), parse(this)) {
        (Some(e), Some(t)) => {
            e <= t
                && t.checked_sub_months(chrono::Months::new(12))
                    .is_some_and(|start| e >= start)
        }
        _ => false,
    }
}

fn view_row(
    db: &dyn Db,
    case_id: Uuid,
    other: Uuid,
    strength: &str,
    reason: String,
) -> CoreResult<Option<RepeatCandidate>> {
    let row = table::earlier_case(db, case_id, other)?;
    let Some((reference, subject_name, date_of_birth, last_heard_on, within)) = row else {
        return Ok(None);
    };
    let same_perpetrator = same_perpetrator(db, case_id, other)?;
    // The referral dates matter only with a perpetrator in common.
    let safelives_repeat = match &same_perpetrator {
        Some(_) => table::referral_dates(db, case_id, other)?
            .is_some_and(|(this, earlier)| within_twelve_months(&earlier, &this)),
        None => false,
    };
    Ok(Some(RepeatCandidate {
        case_id: other,
        same_perpetrator,
        safelives_repeat,
        reference,
        subject_name,
        date_of_birth,
        last_heard_on,
        within_repeat_window: within,
        strength: if strength == "strong" {
            MatchStrength::Strong
        } else {
            MatchStrength::Probable
        },
        reason,
    }))
}

/// The repeats offered for the case and not yet decided, from the offers'
/// rows ([`table::pending_in`]).
pub(crate) fn pending_of(
    db: &dyn Db,
    case_id: Uuid,
    rows: Vec<(Uuid, String, String)>,
) -> CoreResult<Vec<RepeatCandidate>> {
    let mut out = Vec::new();
    for (other, strength, reason) in rows {
        out.extend(view_row(db, case_id, other, &strength, reason)?);
    }
    Ok(out)
}

/// The confirmed earlier case, as shown on the case page.
pub(crate) fn candidate_view(
    db: &dyn Db,
    case_id: Uuid,
    other: Uuid,
) -> CoreResult<Option<RepeatCandidate>> {
    let row = table::offer_of(db, case_id, other)?;
    let (strength, reason) =
        row.unwrap_or_else(|| ("strong".into(), "Confirmed by the coordinator".into()));
    view_row(db, case_id, other, &strength, reason)
}
