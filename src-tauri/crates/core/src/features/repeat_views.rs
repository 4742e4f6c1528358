//! The repeats a case's page shows: the earlier case it was confirmed to
//! repeat and the offers not yet decided, each with what the coordinator
//! needs to decide (the earlier case's reference, when it was last heard,
//! a perpetrator in common, SafeLives' twelve-month repeat). Every offer's
//! rows are read in one batch, which the case's page sends with its other
//! look-ups: one wait on PostgreSQL however many offers there are.

use chrono::NaiveDate;
use uuid::Uuid;

use crate::domain::case::RepeatCandidate;
use crate::domain::referral::PerpetratorInput;
use crate::error::CoreResult;
use crate::matching::{Identity, MatchStrength, compare};
use crate::store::sql::{Answers, Batch, Db, Rows};
use crate::tables::InRows;
use crate::tables::repeats::{self as table, EarlierCase};

/// The offer's strength and reason: known from the offers' rows, or still
/// to read (a confirmed repeat's).
enum Offer {
    Known(String, String),
    ToRead(Rows<(String, String)>),
}

/// One earlier case to show: its id, its offer, its rows.
struct Earlier {
    other: Uuid,
    offer: Offer,
    rows: Rows<EarlierCase>,
}

/// The reads of a case's repeats, added to a batch.
pub(crate) struct RepeatViews {
    confirmed: Option<Earlier>,
    offered: Vec<Earlier>,
    perpetrators: InRows,
}

impl RepeatViews {
    /// `repeat_of` the earlier case the coordinator confirmed; `offers`
    /// the undecided offers (other case, strength, reason) as
    /// [`table::pending_in`] reads them.
    pub(crate) fn add(
        batch: &mut Batch,
        db: &dyn Db,
        case_id: Uuid,
        repeat_of: Option<Uuid>,
        offers: Vec<(Uuid, String, String)>,
    ) -> Self {
        let confirmed = repeat_of.map(|other| Earlier {
            other,
            offer: Offer::ToRead(table::offer_of_in(batch, case_id, other)),
            rows: table::earlier_case_in(batch, db, case_id, other),
        });
        let offered: Vec<Earlier> = offers
            .into_iter()
            .map(|(other, strength, reason)| Earlier {
                other,
                offer: Offer::Known(strength, reason),
                rows: table::earlier_case_in(batch, db, case_id, other),
            })
            .collect();
        let others: Vec<Uuid> = confirmed.iter().chain(&offered).map(|e| e.other).collect();
        Self {
            confirmed,
            offered,
            perpetrators: crate::tables::referral::perpetrators_in(batch, &others),
        }
    }

    /// The confirmed repeat and the offers, from the answers; `ours` are
    /// the case's own perpetrators.
    pub(crate) fn views(
        self,
        answers: &mut Answers,
        ours: &[PerpetratorInput],
    ) -> CoreResult<(Option<RepeatCandidate>, Vec<RepeatCandidate>)> {
        let mut theirs = super::referral::perpetrators_from(self.perpetrators.take(answers)?)?;
        let mut view = |e: Earlier| -> CoreResult<Option<RepeatCandidate>> {
            let (strength, reason) = match e.offer {
                Offer::Known(strength, reason) => (strength, reason),
                Offer::ToRead(rows) => answers
                    .rows(rows)?
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| ("strong".into(), "Confirmed by the coordinator".into())),
            };
            let Some(earlier) = answers.rows(e.rows)?.into_iter().next() else {
                return Ok(None);
            };
            let theirs = theirs.remove(&e.other).unwrap_or_default();
            Ok(Some(candidate(
                e.other, earlier, ours, &theirs, &strength, reason,
            )))
        };
        let confirmed = match self.confirmed {
            Some(e) => view(e)?,
            None => None,
        };
        let mut offered = Vec::new();
        for e in self.offered {
            offered.extend(view(e)?);
        }
        Ok((confirmed, offered))
    }
}

fn candidate(
    other: Uuid,
    earlier: EarlierCase,
    ours: &[PerpetratorInput],
    theirs: &[PerpetratorInput],
    strength: &str,
    reason: String,
) -> RepeatCandidate {
    let same_perpetrator = same_perpetrator(ours, theirs);
    // The referral dates matter only with a perpetrator in common.
    let (this, earlier_on) = &earlier.referred_on;
    let safelives_repeat = same_perpetrator.is_some() && within_twelve_months(earlier_on, this);
    RepeatCandidate {
        case_id: other,
        same_perpetrator,
        safelives_repeat,
        reference: earlier.reference,
        subject_name: earlier.subject_name,
        date_of_birth: earlier.date_of_birth,
        last_heard_on: earlier.last_heard_on,
        within_repeat_window: earlier.within_window,
        strength: if strength == "strong" {
            MatchStrength::Strong
        } else {
            MatchStrength::Probable
        },
        reason,
    }
}

/// The first of `ours` who is, by name and date of birth (accents and
/// scripts ignored), one of `theirs` too.
fn same_perpetrator(ours: &[PerpetratorInput], theirs: &[PerpetratorInput]) -> Option<String> {
    fn identity(p: &PerpetratorInput) -> Identity<'_> {
        Identity {
            name: &p.name,
            aliases: &p.aliases,
            date_of_birth: NaiveDate::parse_from_str(&p.date_of_birth, "%Y-%m-%d").ok(),
        }
    }
    ours.iter()
        .find(|a| {
            theirs
                .iter()
                .any(|b| compare(&identity(a), &identity(b)).is_some())
        })
        .map(|a| a.name.clone())
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
