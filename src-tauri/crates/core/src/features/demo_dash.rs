//! The demo's Dash checklists: every referral made on its score (the
//! domestic-abuse referrals) has the young person's checklist behind it,
//! recorded through the same feature a coordinator uses, with the referral
//! form's perpetrator and safe contact, so the case's page, the cockpit, the
//! minutes and the statistics show real records.

use chrono::{Days, NaiveDate};
use uuid::Uuid;

use crate::domain::case::{CaseInput, ReferralRoute, YesNoUnknown};
use crate::domain::dash::{DashAnswer, DashInput, DashVersion};
use crate::domain::referral::{PerpetratorInput, PerpetratorRelationship, ReferralDetails};
use crate::error::CoreResult;
use crate::store::Engine;

use super::dash;

/// Which questions the demo answers "yes" (15 of them: visible high risk),
/// and which "not known".
const YES: &[usize] = &[0, 1, 2, 4, 5, 6, 7, 11, 12, 13, 14, 15, 17, 21, 23];
const NOT_KNOWN: &[usize] = &[18, 20];

/// Records the checklist behind a referral made on its score.
pub(super) fn after_referral(
    store: &mut impl Engine,
    case_id: Uuid,
    referral: &CaseInput,
    today: NaiveDate,
) -> CoreResult<()> {
    if referral.referral_route != Some(ReferralRoute::RiskScore) {
        return Ok(());
    }
    let version = DashVersion::YoungPerson;
    let answers = (0..version.questions().len())
        .map(|i| DashAnswer {
            answer: Some(if YES.contains(&i) {
                YesNoUnknown::Yes
            } else if NOT_KNOWN.contains(&i) {
                YesNoUnknown::NotKnown
            } else {
                YesNoUnknown::No
            }),
            source: match i {
                17 => "Police: attending officer's report".into(),
                23 => "Police national computer".into(),
                _ => String::new(),
            },
        })
        .collect();
    let input = DashInput {
        version,
        completed_on: referral.referral_date.clone(),
        completed_by: referral.lead_professional.clone(),
        answers,
    };
    dash::record(store, case_id, &input, today)?;
    super::referral::save(store, case_id, &the_form(referral), today).map(|_| ())
}

/// The rest of the referral form behind a domestic-abuse referral: the
/// young person's former partner (17 when referred: the statistics count
/// perpetrators of that age), safe contact through the youth advocate.
fn the_form(referral: &CaseInput) -> ReferralDetails {
    let referred = NaiveDate::parse_from_str(&referral.referral_date, "%Y-%m-%d").ok();
    let born = referred
        .and_then(|d| d.checked_sub_days(Days::new(17 * 365 + 100)))
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    ReferralDetails {
        perpetrators: vec![PerpetratorInput {
            id: None,
            name: "Reece Holloway".into(),
            aliases: vec!["Ree".into()],
            date_of_birth: born,
            relationship: Some(PerpetratorRelationship::FormerPartner),
        }],
        safe_phone: "Through the youth advocate".into(),
        safe_to_call: Some(YesNoUnknown::No),
        safe_to_leave_message: Some(YesNoUnknown::No),
        knows_of_referral: Some(YesNoUnknown::Yes),
        ..ReferralDetails::empty()
    }
}
