//! Dates as people type them in UK referral lists: day before month, in any
//! of the usual shapes ("14/03/2009", "14-3-09", "14 Mar 2009", "2009-03-14").
//! A date that could be read two ways is never guessed the American way.

use chrono::{Datelike, NaiveDate};

const FORMATS: &[&str] = &[
    "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d %m %Y", "%d %b %Y", "%d %B %Y", "%d-%b-%Y",
    "%d-%B-%Y", "%b %d %Y", "%B %d %Y", "%Y/%m/%d", "%Y%m%d",
];
const SHORT_YEAR_FORMATS: &[&str] = &["%d/%m/%y", "%d-%m-%y", "%d.%m.%y", "%d %b %y", "%d-%b-%y"];

/// Parses a date, or `None` if it is not one. Two-digit years are placed in
/// the century that keeps the date in the past relative to `today`.
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(|c: char| c == 'T' || c.is_whitespace())
        .replace(',', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Spreadsheets often add a midnight time: "2009-03-14 00:00:00".
    let date_part = cleaned
        .split_once(' ')
        .filter(|(d, rest)| rest.contains(':') && d.len() >= 8)
        .map(|(d, _)| d)
        .unwrap_or(&cleaned);
    let date_part = date_part
        .split_once('T')
        .map(|(d, _)| d)
        .unwrap_or(date_part);
    for format in FORMATS {
        // "14/03/09" also parses as the year 9 here: leave it to the
        // two-digit formats below.
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format)
            && date.year() >= 1900
        {
            return Some(date);
        }
    }
    for format in SHORT_YEAR_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format) {
            // chrono puts %y in 1969..=2068; pull future dates back a century.
            return if date > today {
                date.with_year(date.year() - 100)
            } else {
                Some(date)
            };
        }
    }
    None
}

/// Today's date on this laptop (the clock the user sees).
pub fn local_today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Whole years between `date_of_birth` and `on`.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> Option<u32> {
    on.years_since(date_of_birth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_shapes_people_type() {
        let today = d(2026, 11, 23);
        for text in [
            "2009-03-14",
            "14/03/2009",
            "14/3/2009",
            " 14-03-2009 ",
            "14.03.2009",
            "14 Mar 2009",
            "14 March 2009",
            "14-Mar-2009",
            "14/03/09",
            "2009-03-14 00:00:00",
            "2009-03-14T00:00:00",
            "Mar 14, 2009",
        ] {
            assert_eq!(parse_date(text, today), Some(d(2009, 3, 14)), "{text:?}");
        }
    }

    #[test]
    fn uk_order_wins_and_nonsense_is_refused() {
        let today = d(2026, 11, 23);
        assert_eq!(
            parse_date("03/04/2010", today),
            Some(d(2010, 4, 3)),
            "3 April, not March 4"
        );
        for text in [
            "",
            "31/02/2010",
            "13/13/2010",
            "soon",
            "=TODAY()",
            "14/03",
            "1/1/1850",
        ] {
            assert_eq!(
                parse_date(text, today),
                None,
                "{text:?} is not a usable date"
            );
        }
        assert_eq!(
            parse_date("01/01/30", today),
            Some(d(1930, 1, 1)),
            "a two-digit year is never in the future"
        );
    }

    #[test]
    fn ages() {
        assert_eq!(age_on(d(2009, 3, 14), d(2026, 3, 13)), Some(16));
        assert_eq!(age_on(d(2009, 3, 14), d(2026, 3, 14)), Some(17));
    }
}
