//! Accounts on a Roundtable server: who signs in, in which role, and for an
//! agency's representative which agency. The desktop app has one user and
//! no accounts; these rules are the server's, kept in the core so every
//! engine and every client meets the same ones.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::error::CoreResult;
use crate::validate::Validator;

/// What an account may do. An agency representative is bound to one agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountRole {
    /// Runs the server: creates and disables accounts, and everything a
    /// coordinator does.
    Administrator,
    Coordinator,
    Chair,
    MinuteTaker,
    /// An agency's representative (their screens come with issue 18).
    Agency,
}

impl AccountRole {
    pub const ALL: [Self; 5] = [
        Self::Administrator,
        Self::Coordinator,
        Self::Chair,
        Self::MinuteTaker,
        Self::Agency,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Administrator => "administrator",
            Self::Coordinator => "coordinator",
            Self::Chair => "chair",
            Self::MinuteTaker => "minute_taker",
            Self::Agency => "agency",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == value)
    }

    /// Whether this role may create, disable and list accounts.
    pub fn manages_accounts(self) -> bool {
        matches!(self, Self::Administrator | Self::Coordinator)
    }

    /// Whether this role may give a new account `role`: coordinators make
    /// everyone's but an administrator's, which only an administrator may.
    pub fn may_create(self, role: AccountRole) -> bool {
        match self {
            Self::Administrator => true,
            Self::Coordinator => role != Self::Administrator,
            _ => false,
        }
    }

    /// Whether this role works with the panel's own records (cases,
    /// meetings, minutes): everyone but an agency's representative, whose
    /// own narrower view is issue 18's.
    pub fn works_the_panel(self) -> bool {
        !matches!(self, Self::Agency)
    }
}

/// An account as the server and its screens show it (never its password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Account {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: AccountRole,
    pub agency_id: Option<Uuid>,
    pub must_change_password: bool,
    pub disabled: bool,
    /// Whether signing in also needs a code from an authenticator app.
    pub totp_enabled: bool,
}

/// A new account, as a coordinator (or the first-administrator command)
/// enters it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AccountInput {
    pub username: String,
    pub display_name: String,
    pub role: Option<AccountRole>,
    pub agency_id: Option<Uuid>,
}

/// A checked [`AccountInput`]: the username folded to lower case.
pub struct ValidAccount {
    pub username: String,
    pub display_name: String,
    pub role: AccountRole,
    pub agency_id: Option<Uuid>,
}

impl AccountInput {
    pub fn validate(&self) -> CoreResult<ValidAccount> {
        let mut v = Validator::new();
        let username = v
            .required("username", "a username", &self.username, 64)
            .to_lowercase();
        if !v.has_error("username")
            && (username.chars().count() < 3
                || !username
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')))
        {
            v.add(
                "username",
                "A username is 3 to 64 characters: letters a to z, numbers, and . _ - @",
            );
        }
        let display_name = v.required("display_name", "the person's name", &self.display_name, 120);
        let role = self.role.unwrap_or(AccountRole::Coordinator);
        if self.role.is_none() {
            v.add("role", "Choose what this person does.");
        }
        match (role, self.agency_id) {
            (AccountRole::Agency, None) => v.add("agency_id", "Choose the agency they represent."),
            (AccountRole::Agency, Some(_)) | (_, None) => {}
            (_, Some(_)) => v.add(
                "agency_id",
                "Only an agency's representative is bound to an agency.",
            ),
        }
        v.finish()?;
        Ok(ValidAccount {
            username,
            display_name,
            role,
            agency_id: self.agency_id,
        })
    }
}

/// A new password, as its owner chooses it at first sign-in or later.
pub fn check_new_password(password: &str, username: &str) -> CoreResult<()> {
    let mut v = Validator::new();
    if password.chars().count() < 12 {
        v.add("password", "Choose a password of at least 12 characters.");
    } else if password.chars().count() > 256 {
        v.add("password", "A password is at most 256 characters.");
    } else if zxcvbn::zxcvbn(password, &[username]).score() < zxcvbn::Score::Three {
        v.add(
            "password",
            "That password is easy to guess. Add words or make it longer.",
        );
    }
    v.finish()
}
