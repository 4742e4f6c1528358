//! The person using this laptop's copy of Roundtable, and the vault's state.

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

/// What the first-run screen sends.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupInput {
    pub passphrase: String,
    pub confirm_passphrase: String,
    pub name: String,
    pub role: Option<UserRole>,
}

/// The fewest characters a passphrase may have. Three random words (the
/// NCSC's advice) pass easily; a short password does not.
pub const MIN_PASSPHRASE_CHARS: usize = 12;
const MAX_PASSPHRASE_CHARS: usize = 1_024;

/// The rule for a new passphrase (first run, a change, a backup's own):
/// long enough, not too long, and typed the same twice.
pub(crate) fn check_new_passphrase(
    v: &mut Validator,
    (field, passphrase): (&str, &str),
    (confirm_field, confirm): (&str, &str),
) {
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
    pub passphrase: String,
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
