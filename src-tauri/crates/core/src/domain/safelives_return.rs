//! The SafeLives quarterly return (issue 20): what the MARAC data form asks
//! for, meeting by meeting and for the quarter, as exact counts. Counted in
//! `features::safelives_return` from the panel statistics, so the return
//! and the statistics can never disagree.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use super::statistics::Count;
use crate::validate::Validator;

/// One line of the return: a meeting (the cases heard at it) or the
/// quarter (each case counted once however often it was heard).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ReturnRow {
    /// "14 November 2026", or "Quarter" for the whole period.
    pub label: String,
    /// The meeting's date (YYYY-MM-DD); None for the quarter.
    pub meeting_date: Option<String>,
    pub cases: u32,
    /// Referred again within the panel's repeat window.
    pub repeat_cases: u32,
    pub referred_by_police: u32,
    pub referred_by_others: u32,
    pub cases_with_children: u32,
    /// Children in the households (born; unborn are counted apart).
    pub children: u32,
    /// People who are Black, Asian or of another racially minoritised group
    /// (every recorded ethnicity but White British, White Irish and any
    /// other White background; not stated and not recorded are not counted).
    pub minoritised: u32,
    pub lgbt: u32,
    pub disabled: u32,
    pub male: u32,
    pub aged_16_to_17: u32,
    /// Perpetrators aged 17 or under at the referral.
    pub young_perpetrators: u32,
}

/// The return for a panel and a period (a quarter, by default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SafeLivesReturn {
    pub panel_id: Uuid,
    pub panel_name: String,
    pub from: String,
    pub to: String,
    pub meetings: Vec<ReturnRow>,
    pub quarter: ReturnRow,
    /// Cases heard in the period by the agency that referred them.
    pub referrals_by_agency: Vec<Count>,
    /// Women aged 16 and over in the panel's area, as entered.
    pub women_16_plus: Option<u32>,
    /// Where that figure came from, as entered.
    pub population_source: String,
    /// Cases in the period per 10,000 of them, to one decimal place.
    pub cases_per_10000_women: Option<String>,
}

/// The warning every copy of the return carries: its counts are exact.
pub const EXACT_WARNING: &str = "EXACT FIGURES for the SafeLives return only. Counts of 1 to 4 are not suppressed: do not publish or share this file beyond SafeLives.";

/// The population as the coordinator types it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PopulationInput {
    pub panel_id: Uuid,
    /// "112,400" or "112400".
    pub women_16_plus: String,
    /// e.g. "ONS mid-2024 estimate".
    pub source: String,
}

/// The largest area a panel serves: more women than that is a typing slip.
const MAX_WOMEN: u32 = 20_000_000;

impl PopulationInput {
    /// The number and its source, or the problems by field.
    pub fn validate(&self) -> crate::error::CoreResult<(u32, String)> {
        let mut v = Validator::new();
        let typed: String = self
            .women_16_plus
            .chars()
            .filter(|c| !matches!(c, ',' | ' ' | '_'))
            .collect();
        let number = match typed.parse::<u32>() {
            Ok(n) if (1..=MAX_WOMEN).contains(&n) => n,
            _ => {
                v.add(
                    "women_16_plus",
                    "Enter the number of women aged 16 and over in the area, as a whole number such as 112,400.",
                );
                0
            }
        };
        let source = v.required("source", "Where the figure comes from", &self.source, 200);
        v.finish()?;
        Ok((number, source))
    }
}

/// `cases` per 10,000 of `population`, to one decimal place (halves up).
pub fn per_10000(cases: u32, population: u32) -> Option<String> {
    (population > 0).then(|| {
        let tenths =
            (u64::from(cases) * 100_000 * 2 + u64::from(population)) / (2 * u64::from(population));
        format!("{}.{}", tenths / 10, tenths % 10)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_per_10000_has_one_decimal_and_needs_a_population() {
        assert_eq!(per_10000(45, 112_400).as_deref(), Some("4.0"));
        assert_eq!(per_10000(1, 30_000).as_deref(), Some("0.3"));
        assert_eq!(per_10000(0, 30_000).as_deref(), Some("0.0"));
        assert_eq!(per_10000(3, 0), None);
    }

    #[test]
    fn a_population_is_a_whole_number_with_a_source() {
        let input = |n: &str, s: &str| PopulationInput {
            panel_id: Uuid::nil(),
            women_16_plus: n.into(),
            source: s.into(),
        };
        assert_eq!(
            input("112,400", "ONS mid-2024").validate().ok(),
            Some((112_400, "ONS mid-2024".into()))
        );
        for bad in ["", "0", "-5", "12.5", "lots", "99999999999"] {
            assert!(input(bad, "ONS").validate().is_err(), "{bad}");
        }
        assert!(input("5000", " ").validate().is_err());
    }
}
