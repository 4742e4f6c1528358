//! Inputs for the safety settings: changing the passphrase, backing up and
//! restoring, and why the app locked.

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::user::check_new_passphrase;
use crate::error::CoreResult;
use crate::validate::Validator;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct ChangePassphraseInput {
    #[ts(type = "string")]
    pub current_passphrase: SecretString,
    #[ts(type = "string")]
    pub new_passphrase: SecretString,
    #[ts(type = "string")]
    pub confirm_passphrase: SecretString,
}

impl ChangePassphraseInput {
    pub fn validate(&self) -> CoreResult<()> {
        let mut v = Validator::new();
        if self.current_passphrase.expose_secret().is_empty() {
            v.add("current_passphrase", "Enter your current passphrase.");
        }
        check_new_passphrase(
            &mut v,
            ("new_passphrase", &self.new_passphrase),
            ("confirm_passphrase", &self.confirm_passphrase),
            &[],
        );
        if !v.has_error("new_passphrase")
            && self.new_passphrase.expose_secret() == self.current_passphrase.expose_secret()
        {
            v.add(
                "new_passphrase",
                "The new passphrase is the same as the current one. Choose a different one.",
            );
        }
        v.finish()
    }
}

/// A backup: the folder it goes to (chosen in the system's folder dialog)
/// and the backup's own passphrase.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct BackupInput {
    pub folder: String,
    #[ts(type = "string")]
    pub passphrase: SecretString,
    #[ts(type = "string")]
    pub confirm_passphrase: SecretString,
}

impl BackupInput {
    pub fn validate(&self) -> CoreResult<()> {
        let mut v = Validator::new();
        if self.folder.is_empty() {
            v.add("folder", "Choose the folder the backup goes to.");
        }
        check_new_passphrase(
            &mut v,
            ("passphrase", &self.passphrase),
            ("confirm_passphrase", &self.confirm_passphrase),
            &[],
        );
        v.finish()
    }
}

/// A restore: the backup file (chosen in the system's file dialog), its
/// passphrase, and the current passphrase (restoring replaces everything, so
/// it is asked for again; the restored data keeps the current passphrase).
#[derive(Debug, Clone, Deserialize, TS)]
pub struct RestoreInput {
    pub file: String,
    #[ts(type = "string")]
    pub backup_passphrase: SecretString,
    #[ts(type = "string")]
    pub current_passphrase: SecretString,
}

impl RestoreInput {
    pub fn validate(&self) -> CoreResult<()> {
        let mut v = Validator::new();
        if self.file.is_empty() {
            v.add("file", "Choose the backup file to restore.");
        }
        if self.backup_passphrase.expose_secret().is_empty() {
            v.add("backup_passphrase", "Enter the backup's passphrase.");
        }
        if self.current_passphrase.expose_secret().is_empty() {
            v.add("current_passphrase", "Enter your current passphrase.");
        }
        v.finish()
    }
}

/// What a backup file holds, checked before anything is replaced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupSummary {
    /// The backup's audit log head: note it down; the restored data's log
    /// must still hold it.
    pub head: Option<crate::audit::AuditAnchor>,
    pub file: String,
    /// When the backup was made (from its own audit log).
    pub made_at: Option<String>,
    #[ts(type = "number")]
    pub cases: i64,
    #[ts(type = "number")]
    pub meetings: i64,
}

/// Why the app locked, for the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum LockReason {
    /// The Lock button or Ctrl+L.
    ByUser,
    /// No input for this many minutes.
    Idle { minutes: u32 },
}
