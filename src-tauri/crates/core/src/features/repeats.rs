//! Finding earlier cases that may be the same person, offering them to the
//! coordinator, and showing the offers. The matching rules are in
//! `crate::matching`; this module finds candidates fast (an in-memory index
//! keyed by name tokens, their consonant skeletons and the date of birth) so
//! a 10,000-row import stays quick.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::matching::{
    Identity, MatchStrength, NameMatch, PreparedIdentity, compare_prepared, dates_compatible,
};
use crate::store::sql::Db;
use crate::tables::repeats as table;

#[derive(Debug, Clone)]
pub(crate) struct Known {
    pub id: Uuid,
    /// Its reference, for showing a match without reading the case again.
    pub reference: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub referral_date: String,
}

#[derive(Debug, Default)]
pub(crate) struct RepeatIndex {
    cases: Vec<Known>,
    /// Each case's names made ready for comparing, in the order of `cases`.
    prepared: Vec<PreparedIdentity>,
    by_key: HashMap<String, Vec<usize>>,
}

fn keys(identity: &PreparedIdentity) -> Vec<String> {
    let mut keys = Vec::new();
    for n in &identity.names {
        for (t, skeleton) in n.tokens() {
            if t.len() >= 2 {
                keys.push(format!("s:{skeleton}"));
                keys.push(format!("t:{t}"));
            }
        }
        keys.push(format!("j:{}", n.joined()));
    }
    if let Some(d) = identity.date_of_birth {
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
        for (id, reference, (name, aliases, date_of_birth, referral_date)) in
            table::identities(db, panel_id)?
        {
            index.add(Known {
                id,
                reference,
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
        let prepared = PreparedIdentity::new(&Identity {
            name: &known.name,
            aliases: &known.aliases,
            date_of_birth: known.date_of_birth,
        });
        for key in keys(&prepared) {
            self.by_key.entry(key).or_default().push(at);
        }
        self.cases.push(known);
        self.prepared.push(prepared);
    }

    /// Known cases that may be this person, best first.
    pub fn candidates(&self, identity: &Identity<'_>) -> Vec<(&Known, NameMatch)> {
        let identity = PreparedIdentity::new(identity);
        let mut seen: Vec<usize> = keys(&identity)
            .iter()
            .filter_map(|k| self.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let mut found: Vec<(&Known, NameMatch)> = seen
            .into_iter()
            .filter_map(|i| Some((self.cases.get(i)?, self.prepared.get(i)?)))
            .filter(|(known, _)| dates_compatible(identity.date_of_birth, known.date_of_birth))
            .filter_map(|(known, other)| compare_prepared(&identity, other).map(|m| (known, m)))
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
