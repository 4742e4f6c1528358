//! The person using this laptop's copy of Roundtable, and the vault's state.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::CoreResult;
use crate::validate::Validator;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Chair,
    Coordinator,
    Other,
}

impl UserRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Chair => "chair",
            Self::Coordinator => "coordinator",
            Self::Other => "other",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "chair" => Some(Self::Chair),
            "coordinator" => Some(Self::Coordinator),
            "other" => Some(Self::Other),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UserProfile {
    pub name: String,
    pub role: UserRole,
}

/// What the first-run screen sends. Passphrases are held as secrets: wiped
/// from memory when dropped, and `Debug` prints "[REDACTED]".
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupInput {
    #[ts(type = "string")]
    pub passphrase: SecretString,
    #[ts(type = "string")]
    pub confirm_passphrase: SecretString,
    pub name: String,
    pub role: Option<UserRole>,
}

/// The fewest characters a passphrase may have. Three random words (the
/// NCSC's advice) pass easily; a short password does not.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
const MAX_PASSPHRASE_CHARS: usize = 1_024;

/// The least zxcvbn score a new passphrase must reach: "Three" is about
/// 10^10 guesses, each costing an attacker SQLCipher's 256,000-round key
/// derivation.
const MIN_STRENGTH: zxcvbn::Score = zxcvbn::Score::Three;

/// The rule for a new passphrase (first run, a change, a backup's own):
/// long enough, not too long, hard to guess (zxcvbn, with the person's own
/// name and the app's name as known words), and typed the same twice.
pub(crate) fn check_new_passphrase(
    v: &mut Validator,
    (field, passphrase): (&str, &SecretString),
    (confirm_field, confirm): (&str, &SecretString),
    known_words: &[&str],
) {
    let passphrase = passphrase.expose_secret();
    let confirm = confirm.expose_secret();
    let length = passphrase.chars().count();
    if passphrase.trim().is_empty() {
        v.add(field, "Enter a passphrase.");
    } else if length < MIN_PASSPHRASE_CHARS {
        v.add(
            field,
            format!(
                "Passphrase must be at least {MIN_PASSPHRASE_CHARS} characters. Three random words work well."
            ),
        );
    } else if length > MAX_PASSPHRASE_CHARS {
        v.add(
            field,
            format!("Passphrase must be {MAX_PASSPHRASE_CHARS} characters or fewer."),
        );
    } else {
        let mut known: Vec<&str> = vec!["roundtable", "marac", "panel"];
        known.extend(known_words.iter().flat_map(|w| w.split_whitespace()));
        let strength = zxcvbn::zxcvbn(passphrase, &known);
        if strength.score() < MIN_STRENGTH {
            let hint = strength
                .feedback()
                .and_then(|f| f.warning())
                .map(|w| format!(" ({w})"))
                .unwrap_or_default();
            v.add(
                field,
                format!(
                    "That passphrase is too easy to guess{hint}. Use three or four random words that mean nothing together."
                ),
            );
        }
    }
    if confirm.is_empty() {
        v.add(confirm_field, "Enter the passphrase again to confirm it.");
    } else if confirm != passphrase {
        v.add(
            confirm_field,
            "The passphrases do not match. Enter the same passphrase twice.",
        );
    }
}

pub struct ValidSetup {
    pub passphrase: SecretString,
    pub name: String,
    pub role: UserRole,
}

impl SetupInput {
    pub fn validate(&self) -> CoreResult<ValidSetup> {
        let mut v = Validator::new();
        check_new_passphrase(
            &mut v,
            ("passphrase", &self.passphrase),
            ("confirm_passphrase", &self.confirm_passphrase),
            &[&self.name],
        );
        let name = v.required("name", "your name", &self.name, 120);
        if self.role.is_none() {
            v.add("role", "Select your role.");
        }
        v.finish()?;
        Ok(ValidSetup {
            passphrase: self.passphrase.clone(),
            name,
            role: self.role.unwrap_or(UserRole::Other),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppState {
    /// First run: no data yet; choose a passphrase.
    NeedsSetup,
    /// Data exists and is locked.
    Locked,
    Unlocked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppStatus {
    pub state: AppState,
    /// Known only once unlocked.
    pub user: Option<UserProfile>,
    /// Where the encrypted data file lives, shown on the first-run screen.
    pub data_dir: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::CoreError;

    fn fields(input: &SetupInput) -> Vec<String> {
        match input.validate() {
            Err(CoreError::Validation(errors)) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("unexpected {other:?}"),
            Ok(_) => Vec::new(),
        }
    }

    #[test]
    fn setup_rules() {
        let good = SetupInput {
            passphrase: "maple river lantern".into(),
            confirm_passphrase: "maple river lantern".into(),
            name: " Sam Okafor ".into(),
            role: Some(UserRole::Coordinator),
        };
        let valid = good.validate().unwrap();
        assert_eq!(valid.name, "Sam Okafor", "the name is trimmed");

        let short = SetupInput {
            passphrase: "short".into(),
            confirm_passphrase: "short".into(),
            ..good.clone()
        };
        assert_eq!(
            fields(&short),
            ["passphrase"],
            "a short passphrase is refused"
        );

        let mismatch = SetupInput {
            confirm_passphrase: "maple river lanterns".into(),
            ..good.clone()
        };
        assert_eq!(fields(&mismatch), ["confirm_passphrase"]);

        let missing = SetupInput {
            name: "  ".into(),
            role: None,
            ..good
        };
        assert_eq!(
            fields(&missing),
            ["name", "role"],
            "name and role are both required"
        );
    }
}
