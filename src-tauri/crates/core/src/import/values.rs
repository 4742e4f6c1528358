//! Reading one loose cell value ("F", "Stabbing (automatic)", "Knife crime;
//! County lines") into the case form's typed value. Anything not understood
//! gives `None`, and the caller reports it with the row and column.

use crate::domain::case::{Consent, Ethnicity, Gender, ReferralRoute, YesNoUnknown};
use crate::import::squash;

pub(super) fn yes_no(text: &str) -> Option<YesNoUnknown> {
    match squash(text).as_str() {
        "yes" | "y" | "true" | "1" => Some(YesNoUnknown::Yes),
        "no" | "n" | "false" | "0" => Some(YesNoUnknown::No),
        "notknown" | "unknown" | "nk" | "dontknow" | "notstated" | "prefernottosay" => {
            Some(YesNoUnknown::NotKnown)
        }
        _ => None,
    }
}

pub(super) fn gender(text: &str) -> Option<Gender> {
    match squash(text).as_str() {
        "f" | "female" | "girl" | "woman" => Some(Gender::Female),
        "m" | "male" | "boy" | "man" => Some(Gender::Male),
        "nonbinary" | "nb" => Some(Gender::NonBinary),
        "other" | "selfdescribed" => Some(Gender::SelfDescribed),
        "notknown" | "unknown" | "nk" | "prefernottosay" | "notstated" => Some(Gender::NotKnown),
        _ => None,
    }
}

pub(super) fn ethnicity(text: &str) -> Option<Ethnicity> {
    let t = squash(text);
    let has = |w: &str| t.contains(w);
    Some(match () {
        _ if has("bangladeshi") => Ethnicity::Bangladeshi,
        _ if has("chinese") => Ethnicity::Chinese,
        _ if has("indian") && !has("caribbean") => Ethnicity::Indian,
        _ if has("pakistani") => Ethnicity::Pakistani,
        _ if has("whiteandasian") => Ethnicity::WhiteAndAsian,
        _ if has("whiteandblackafrican") => Ethnicity::WhiteAndBlackAfrican,
        _ if has("whiteandblackcaribbean") => Ethnicity::WhiteAndBlackCaribbean,
        _ if has("mixed") || has("multiple") => Ethnicity::OtherMixed,
        _ if has("asian") => Ethnicity::OtherAsian,
        _ if has("african") => Ethnicity::African,
        _ if has("caribbean") => Ethnicity::Caribbean,
        _ if has("black") => Ethnicity::OtherBlack,
        _ if has("gypsy") || has("traveller") => Ethnicity::GypsyOrIrishTraveller,
        _ if has("roma") => Ethnicity::Roma,
        _ if has("irish") => Ethnicity::WhiteIrish,
        _ if has("british") || has("english") || has("welsh") || has("scottish") => {
            Ethnicity::WhiteBritish
        }
        _ if has("white") => Ethnicity::OtherWhite,
        _ if has("arab") => Ethnicity::Arab,
        _ if has("notstated") || has("notknown") || has("prefernot") || t == "unknown" => {
            Ethnicity::NotStated
        }
        _ if has("other") => Ethnicity::AnyOther,
        _ => return None,
    })
}

pub(super) fn route(text: &str) -> Option<ReferralRoute> {
    let t = squash(text);
    let has = |w: &str| t.contains(w);
    Some(match () {
        _ if has("repeat") => ReferralRoute::Repeat,
        _ if has("escalat") => ReferralRoute::Escalation,
        _ if has("risk") || has("dash") || has("score") || has("threshold") => {
            ReferralRoute::RiskScore
        }
        _ if has("auto") || has("incident") || has("stab") || has("shoot") => {
            ReferralRoute::Automatic
        }
        _ if has("professional") || has("judg") => ReferralRoute::ProfessionalJudgement,
        _ => return None,
    })
}

pub(super) fn consent(text: &str) -> Option<Consent> {
    let t = squash(text);
    Some(match t.as_str() {
        "yes" | "y" | "given" | "consentgiven" | "true" => Consent::Given,
        "no" | "n" | "notgiven" | "refused" | "declined" | "false" => Consent::NotGiven,
        "notsought" | "notasked" | "na" => Consent::NotSought,
        _ => return None,
    })
}

/// Splits a list cell ("Knife crime; County lines" or "a, b").
pub(super) fn list(text: &str) -> Vec<String> {
    let sep = if text.contains(';') {
        ';'
    } else if text.contains('|') {
        '|'
    } else {
        ','
    };
    text.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A long cell quoted in a message is cut short.
pub(super) fn shorten(value: &str) -> String {
    if value.chars().count() > 40 {
        format!("{}…", value.chars().take(40).collect::<String>())
    } else {
        value.to_owned()
    }
}
