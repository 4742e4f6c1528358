//! The app's managed state: the vault for this run's data folder, or the
//! reason it could not be claimed (e.g. another window already has it open).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use roundtable_core::{ApiError, CoreError, ErrorCode, Store, Vault};
use uuid::Uuid;

pub struct AppState {
    vault: Mutex<Result<Vault, ApiError>>,
    /// The meeting the projector window shows.
    projected: Mutex<Option<Uuid>>,
    /// Folders and files the user picked in a system dialog (or the Documents
    /// folder offered by default): the only places a command reads or writes
    /// outside the data folder. The page cannot name any other path.
    granted: Mutex<Vec<PathBuf>>,
}

impl AppState {
    pub fn claim(dir: &Path) -> Self {
        Self {
            vault: Mutex::new(Vault::claim(dir).map_err(ApiError::from)),
            projected: Mutex::new(None),
            granted: Mutex::new(Vec::new()),
        }
    }

    /// Allows commands to use `path` (picked by the user in a dialog).
    pub fn grant(&self, path: &Path) {
        if let Ok(real) = path.canonicalize() {
            let mut granted = self.granted.lock().unwrap_or_else(PoisonError::into_inner);
            if !granted.contains(&real) {
                granted.push(real);
            }
        }
    }

    /// Shows the system's folder (or, with `filter`, file) chooser and grants
    /// what the user picks; None when they cancel. Refused while locked.
    pub fn pick(
        &self,
        app: &tauri::AppHandle,
        title: &str,
        filter: Option<(&str, &[&str])>,
    ) -> Result<Option<String>, ApiError> {
        use tauri_plugin_dialog::DialogExt;
        self.require_unlocked()?;
        let dialog = app.dialog().file().set_title(title);
        let picked = match filter {
            None => dialog.blocking_pick_folder(),
            Some((name, extensions)) => dialog.add_filter(name, extensions).blocking_pick_file(),
        }
        .and_then(|p| p.into_path().ok());
        Ok(picked.map(|picked| {
            self.grant(&picked);
            picked.display().to_string()
        }))
    }

    /// The one check every command that takes a path makes: `path` exactly
    /// as given (no trimming, no guessing) must exist, and once resolved
    /// (symbolic links and `..` followed) be a granted folder or file, or lie
    /// directly inside a granted folder. Returns the resolved path, which is
    /// what the command hands the core; anything else is refused for `field`.
    pub fn granted(&self, path: &str, field: &str) -> Result<PathBuf, ApiError> {
        let refused = |message: &str| ApiError::from(CoreError::field(field, message));
        if path.is_empty() {
            return Err(refused("Choose the folder or file first."));
        }
        let Ok(real) = Path::new(path).canonicalize() else {
            log::warn!("refused a path that does not exist");
            return Err(refused(
                "That folder or file cannot be found. Choose it again.",
            ));
        };
        let granted = self.granted.lock().unwrap_or_else(PoisonError::into_inner);
        let inside = granted
            .iter()
            .any(|g| *g == real || real.parent().is_some_and(|parent| parent == g));
        if inside {
            Ok(real)
        } else {
            log::warn!("refused a path that was not chosen in a dialog");
            Err(refused(
                "Roundtable can only use a folder or file you chose. Choose it again.",
            ))
        }
    }

    /// Fails with "locked" unless the data is unlocked: nothing touches the
    /// desktop (dialogs, grants, opening files) for a locked app.
    pub fn require_unlocked(&self) -> Result<(), ApiError> {
        self.with_vault(|vault| vault.store().map(|_| ()))
    }

    pub fn project(&self, meeting_id: Uuid) {
        *self
            .projected
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(meeting_id);
    }

    pub fn projected(&self) -> Option<Uuid> {
        *self
            .projected
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` with the vault. A poisoned lock only means an earlier
    /// command panicked; the vault itself is still consistent (every write is
    /// one transaction), so carry on.
    pub fn with_vault<T>(
        &self,
        work: impl FnOnce(&mut Vault) -> Result<T, CoreError>,
    ) -> Result<T, ApiError> {
        let mut guard = self.vault.lock().unwrap_or_else(PoisonError::into_inner);
        let result = match guard.as_mut() {
            Ok(vault) => work(vault).map_err(ApiError::from),
            Err(err) => Err(err.clone()),
        };
        if let Err(err) = &result {
            log_refusal(err);
        }
        result
    }

    /// Runs `work` with the unlocked store, or fails with "locked".
    pub fn with_store<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, CoreError>,
    ) -> Result<T, ApiError> {
        self.with_vault(|vault| work(vault.store()?))
    }
}

/// What the support log says when a command is refused: the kind, and for a
/// validation error the names of the fields. Never the message, which can
/// quote what was typed.
fn log_refusal(err: &ApiError) {
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    match err.code {
        ErrorCode::Validation => log::info!("input refused: fields {fields:?}"),
        ErrorCode::Storage | ErrorCode::Io => log::error!("a command failed: {:?}", err.code),
        code => log::info!("a command was refused: {code:?}"),
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
