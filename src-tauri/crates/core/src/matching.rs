//! Repeat matching: is a new referral probably someone the panel already
//! knows? Names arrive typed by different agencies, in different scripts and
//! spellings: "Mohammed Ali" / "ALI, Muhammad" / "محمد علي" / "Mohamed  Ali".
//! A match is only ever *offered*: the coordinator confirms it.
//!
//! Names are transliterated to ASCII (`deunicode`), case and punctuation are
//! dropped, and tokens are compared in any order: equal, equal consonant
//! skeletons (Mohammed / Muhammad / Mohamed), or close by Jaro-Winkler
//! (`strsim`). The date of birth then decides how strong the match is.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// One person's identifying details, as typed.
#[derive(Debug, Clone, Default)]
pub struct Identity<'a> {
    pub name: &'a str,
    pub aliases: &'a [String],
    pub date_of_birth: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchStrength {
    /// Worth a look: the coordinator decides.
    Probable,
    /// Same person in all likelihood (same name and date of birth).
    Strong,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NameMatch {
    pub strength: MatchStrength,
    /// 0..=1, how alike the best pair of names is.
    pub name_score: f64,
    /// Why, in words, for the screen ("Same date of birth; name spelled differently").
    pub reason: String,
}

/// The name as comparable tokens: ASCII, lower case, apostrophes dropped,
/// split on anything else that is not a letter or digit.
pub fn tokens(name: &str) -> Vec<String> {
    let without_apostrophes: String = name
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ'))
        .collect();
    deunicode::deunicode(&without_apostrophes)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A normalised form for exact comparison and indexing: sorted tokens.
pub fn normalise(name: &str) -> String {
    let mut t = tokens(name);
    t.sort();
    t.join(" ")
}

/// The first letter, then consonants only, runs collapsed: transliterations
/// of one name tend to share it (mhmd for Mohammed, Muhammad, Mohamed).
pub fn skeleton(token: &str) -> String {
    let mut out = String::new();
    for (i, c) in token.chars().enumerate() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'w');
        if (i == 0 || !vowel) && !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// A name made ready to be compared many times: its tokens, each token's
/// skeleton and the tokens written together are worked out once, not at
/// every comparison (an import compares each row with hundreds of names).
#[derive(Debug, Clone)]
pub struct PreparedName {
    text: String,
    tokens: Vec<String>,
    skeletons: Vec<String>,
    joined: String,
}

impl PreparedName {
    pub fn new(name: &str) -> Self {
        let tokens = tokens(name);
        Self {
            text: name.to_owned(),
            skeletons: tokens.iter().map(|t| skeleton(t)).collect(),
            joined: tokens.concat(),
            tokens,
        }
    }

    /// (token, skeleton) pairs.
    pub fn tokens(&self) -> impl Iterator<Item = (&str, &str)> {
        self.tokens
            .iter()
            .map(String::as_str)
            .zip(self.skeletons.iter().map(String::as_str))
    }

    /// The tokens written together ("Mary Ann" and "Maryann" alike).
    pub fn joined(&self) -> &str {
        &self.joined
    }
}

/// An identity made ready to be compared many times ([`compare_prepared`]):
/// the name first, then the aliases.
#[derive(Debug, Clone)]
pub struct PreparedIdentity {
    pub names: Vec<PreparedName>,
    pub date_of_birth: Option<NaiveDate>,
}

impl PreparedIdentity {
    pub fn new(identity: &Identity<'_>) -> Self {
        Self {
            names: std::iter::once(identity.name)
                .chain(identity.aliases.iter().map(String::as_str))
                .map(PreparedName::new)
                .collect(),
            date_of_birth: identity.date_of_birth,
        }
    }
}

fn token_score((a, skeleton_a): (&str, &str), (b, skeleton_b): (&str, &str)) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.len() >= 3 && b.len() >= 3 && skeleton_a == skeleton_b {
        return 0.95;
    }
    let jw = strsim::jaro_winkler(a, b);
    if jw >= 0.92 { jw } else { 0.0 }
}

/// How alike two names are, 0..=1, in any word order. A missing middle name
/// does not count against a match; a single shared word is not enough.
pub fn name_score(a: &str, b: &str) -> f64 {
    prepared_score(&PreparedName::new(a), &PreparedName::new(b))
}

fn prepared_score(a: &PreparedName, b: &PreparedName) -> f64 {
    if a.tokens.is_empty() || b.tokens.is_empty() {
        return 0.0;
    }
    let joined = strsim::jaro_winkler(&a.joined, &b.joined);
    let (short, long) = if a.tokens.len() <= b.tokens.len() {
        (a, b)
    } else {
        (b, a)
    };
    let mut used = vec![false; long.tokens.len()];
    let mut total = 0.0;
    for token in short.tokens() {
        let best = long
            .tokens()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, other)| (i, token_score(token, other)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((i, score)) = best.filter(|(_, s)| *s > 0.0) {
            used[i] = true;
            total += score;
        }
    }
    let mut by_tokens = total / short.tokens.len() as f64;
    if short.tokens.len() == 1 && long.tokens.len() > 1 {
        // "Amina" alone against "Amina Yusuf": too thin to call a match.
        by_tokens *= 0.85;
    }
    // Names written together or apart ("Mary Ann" / "Maryann") compare whole.
    let joined = if joined >= 0.97 { joined } else { 0.0 };
    by_tokens.max(joined)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DobRelation {
    Same,
    /// Day and month swapped, or one digit apart: a typing slip.
    Near,
    Unknown,
    Conflict,
}

fn dob_relation(a: Option<NaiveDate>, b: Option<NaiveDate>) -> DobRelation {
    let (Some(a), Some(b)) = (a, b) else {
        return DobRelation::Unknown;
    };
    if a == b {
        return DobRelation::Same;
    }
    let swapped = a.year() == b.year() && a.day() == b.month() && a.month() == b.day();
    let one_part_differs = [
        a.year() != b.year(),
        a.month() != b.month(),
        a.day() != b.day(),
    ]
    .iter()
    .filter(|d| **d)
    .count()
        == 1;
    if swapped || one_part_differs {
        DobRelation::Near
    } else {
        DobRelation::Conflict
    }
}

/// Whether two dates of birth could belong to one person (same, unknown on
/// either side, or one typing slip apart). A cheap test made before names
/// are compared.
pub fn dates_compatible(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    dob_relation(a, b) != DobRelation::Conflict
}

/// Compares a referral with someone already known; `None` when they are
/// plainly different people.
pub fn compare(new: &Identity<'_>, known: &Identity<'_>) -> Option<NameMatch> {
    compare_prepared(&PreparedIdentity::new(new), &PreparedIdentity::new(known))
}

/// [`compare`], for identities prepared once and compared many times.
pub fn compare_prepared(new: &PreparedIdentity, known: &PreparedIdentity) -> Option<NameMatch> {
    let dob = dob_relation(new.date_of_birth, known.date_of_birth);
    if dob == DobRelation::Conflict {
        // No name, however alike, makes a match across different dates of birth.
        return None;
    }
    let own_name = new.names.first().map(|n| n.text.as_str());
    let mut best: Option<(f64, bool)> = None;
    for a in &new.names {
        for (i, b) in known.names.iter().enumerate() {
            let score = prepared_score(a, b);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i > 0 || Some(a.text.as_str()) != own_name));
            }
        }
    }
    let (score, via_alias) = best?;
    let exact = score >= 0.97;
    let close = score >= 0.90;
    let strength = match dob {
        DobRelation::Same if exact => MatchStrength::Strong,
        DobRelation::Same if close => MatchStrength::Probable,
        DobRelation::Near | DobRelation::Unknown if exact => MatchStrength::Probable,
        _ => return None,
    };
    let name_words = match (exact && score >= 0.999, via_alias) {
        (_, true) => "name matches an alias",
        (true, false) => "same name",
        (false, false) => "name spelled differently",
    };
    let dob_words = match dob {
        DobRelation::Same => "same date of birth",
        DobRelation::Near => "date of birth differs by one part (a typing slip?)",
        DobRelation::Unknown => "date of birth not known for both",
        DobRelation::Conflict => "different date of birth",
    };
    let reason = format!(
        "{}{}; {dob_words}",
        name_words[..1].to_uppercase(),
        &name_words[1..]
    );
    Some(NameMatch {
        strength,
        name_score: score,
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    fn id<'a>(name: &'a str, dob: Option<NaiveDate>) -> Identity<'a> {
        Identity {
            name,
            aliases: &[],
            date_of_birth: dob,
        }
    }

    #[test]
    fn tokens_survive_case_spacing_diacritics_and_scripts() {
        assert_eq!(tokens("  NGUYỄN   Thị  Ánh "), ["nguyen", "thi", "anh"]);
        assert_eq!(
            tokens("Łucja Wójcik-Kowalczyk"),
            ["lucja", "wojcik", "kowalczyk"]
        );
        assert_eq!(tokens("Siobhán O’Connor"), ["siobhan", "oconnor"]);
        assert_eq!(tokens("Иван Петров"), ["ivan", "petrov"]);
        assert_eq!(normalise("ALI, Muhammad"), normalise("muhammad ali"));
    }

    #[test]
    fn the_same_person_written_differently_is_matched() {
        let dob = date(2009, 3, 14);
        let pairs = [
            ("Mohammed Ali", "ALI, Muhammad"),
            ("Mohamed Ali", "Mohammed  Ali"),
            ("Nguyễn Văn An", "Nguyen Van An"),
            ("Oluwaseun Adeyemi", "Adeyemi Oluwaseun"),
            ("Zofia Wiśniewska", "Zofia Wisniewska"),
            ("Mary-Ann Okafor", "Maryann Okafor"),
            ("Abdirahman Warsame", "Abdirahman Mohamed Warsame"),
            ("Yusuf Ahmed", "Yousef Ahmad"),
        ];
        for (a, b) in pairs {
            let m = compare(&id(a, dob), &id(b, dob));
            assert!(
                m.is_some(),
                "{a} / {b} with the same date of birth should match"
            );
        }
        let strong = compare(&id("Nguyễn Văn An", dob), &id("nguyen van an", dob)).unwrap();
        assert_eq!(strong.strength, MatchStrength::Strong);
        assert_eq!(strong.reason, "Same name; same date of birth");
    }

    #[test]
    fn different_people_are_not_matched() {
        let dob = date(2009, 3, 14);
        for (a, b) in [
            ("Mohammed Ali", "Mohammed Hassan"),
            ("Amina Yusuf", "Amira Yousif Farah"),
            ("Jayden Clarke", "Jordan Clarke"),
            ("Priya Natarajan", "Tom Reilly"),
        ] {
            assert_eq!(
                compare(&id(a, dob), &id(b, dob)),
                None,
                "{a} / {b} are different people"
            );
        }
        // Same name, plainly different date of birth: a namesake.
        assert_eq!(
            compare(
                &id("Jayden Clarke", date(2008, 1, 2)),
                &id("Jayden Clarke", date(2011, 9, 30))
            ),
            None
        );
    }

    #[test]
    fn date_of_birth_decides_how_strong() {
        let m = compare(
            &id("Jayden Clarke", None),
            &id("Jayden Clarke", date(2008, 1, 2)),
        )
        .unwrap();
        assert_eq!(
            m.strength,
            MatchStrength::Probable,
            "unknown date of birth: only probable"
        );
        let m = compare(
            &id("Jayden Clarke", date(2008, 2, 1)),
            &id("Jayden Clarke", date(2008, 1, 2)),
        )
        .unwrap();
        assert_eq!(
            m.strength,
            MatchStrength::Probable,
            "day and month swapped: probable"
        );
        assert!(m.reason.contains("typing slip"), "{}", m.reason);
    }

    #[test]
    fn aliases_are_matched_and_said_so() {
        let aliases = ["Jay".to_string(), "JJ Clarke".to_string()];
        let known = Identity {
            name: "Jayden Clarke",
            aliases: &aliases,
            date_of_birth: date(2008, 1, 2),
        };
        let m = compare(&id("JJ Clarke", date(2008, 1, 2)), &known).unwrap();
        assert_eq!(m.strength, MatchStrength::Strong);
        assert!(
            m.reason.starts_with("Name matches an alias"),
            "{}",
            m.reason
        );
    }
}
