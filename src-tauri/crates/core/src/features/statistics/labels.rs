//! The words the statistics use for each coded value, and the age bands.

use chrono::NaiveDate;

use crate::domain::case::{Ethnicity, Gender, YesNoUnknown};
use crate::domain::meeting::HearingOutcome;

pub fn gender_label(g: Gender) -> &'static str {
    match g {
        Gender::Female => "Female",
        Gender::Male => "Male",
        Gender::NonBinary => "Non-binary",
        Gender::SelfDescribed => "Self-described",
        Gender::NotKnown => "Not known",
    }
}

pub fn yes_no_label(y: YesNoUnknown) -> &'static str {
    match y {
        YesNoUnknown::Yes => "Yes",
        YesNoUnknown::No => "No",
        YesNoUnknown::NotKnown => "Not known",
    }
}

pub fn ethnicity_label(e: Ethnicity) -> &'static str {
    match e {
        Ethnicity::Bangladeshi => "Asian: Bangladeshi",
        Ethnicity::Chinese => "Asian: Chinese",
        Ethnicity::Indian => "Asian: Indian",
        Ethnicity::Pakistani => "Asian: Pakistani",
        Ethnicity::OtherAsian => "Asian: any other Asian background",
        Ethnicity::African => "Black: African",
        Ethnicity::Caribbean => "Black: Caribbean",
        Ethnicity::OtherBlack => "Black: any other Black, Black British or Caribbean background",
        Ethnicity::WhiteAndAsian => "Mixed: White and Asian",
        Ethnicity::WhiteAndBlackAfrican => "Mixed: White and Black African",
        Ethnicity::WhiteAndBlackCaribbean => "Mixed: White and Black Caribbean",
        Ethnicity::OtherMixed => "Mixed: any other mixed or multiple ethnic background",
        Ethnicity::WhiteBritish => "White: English, Welsh, Scottish, Northern Irish or British",
        Ethnicity::WhiteIrish => "White: Irish",
        Ethnicity::GypsyOrIrishTraveller => "White: Gypsy or Irish Traveller",
        Ethnicity::Roma => "White: Roma",
        Ethnicity::OtherWhite => "White: any other White background",
        Ethnicity::Arab => "Other: Arab",
        Ethnicity::AnyOther => "Other: any other ethnic group",
        Ethnicity::NotStated => "Not stated",
    }
}

pub fn outcome_label(o: HearingOutcome) -> &'static str {
    match o {
        HearingOutcome::Continue => "Continue (kept for review)",
        HearingOutcome::Close => "Closed",
        HearingOutcome::Escalate => "Escalated",
        HearingOutcome::Redirect => "Redirected",
        HearingOutcome::Defer => "Deferred",
    }
}

pub const NOT_RECORDED: &str = "Not recorded";

/// Age bands for monitoring; 16-17 stands on its own, as returns ask.
pub const AGE_BANDS: &[(u32, u32, &str)] = &[
    (0, 12, "Under 13"),
    (13, 15, "13 to 15"),
    (16, 17, "16 to 17"),
    (18, 20, "18 to 20"),
    (21, 24, "21 to 24"),
    (25, 34, "25 to 34"),
    (35, 49, "35 to 49"),
    (50, 64, "50 to 64"),
    (65, 200, "65 and over"),
];

pub fn age_band(age: Option<u32>) -> &'static str {
    age.and_then(|a| {
        AGE_BANDS
            .iter()
            .find(|(lo, hi, _)| (*lo..=*hi).contains(&a))
            .map(|(_, _, label)| *label)
    })
    .unwrap_or(NOT_RECORDED)
}

/// Whole years from `born` to `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(born)
}
