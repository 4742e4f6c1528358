//! Where the data lives: the OS app-data folder, unless `--data-dir <folder>`
//! (or the `ROUNDTABLE_DATA_DIR` variable) points elsewhere, as tests do so they
//! never touch a user's data.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

pub const ENV_VAR: &str = "ROUNDTABLE_DATA_DIR";

pub fn resolve(app: &AppHandle) -> tauri::Result<PathBuf> {
    match chosen() {
        Some(dir) => Ok(dir),
        None => app.path().app_data_dir(),
    }
}

/// The folder given by `--data-dir` or the variable, if any.
pub fn chosen() -> Option<PathBuf> {
    from_args(std::env::args()).or_else(|| {
        std::env::var_os(ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

fn from_args(args: impl Iterator<Item = String>) -> Option<PathBuf> {
    option(args, "--data-dir")
}

/// `--export-dir <folder>`: where exports go by default, allowed without a
/// dialog (set by whoever starts the app - an administrator's shared secure
/// folder, or the end-to-end tests - never by the page).
pub fn export_dir() -> Option<PathBuf> {
    option(std::env::args(), "--export-dir")
}

fn option(args: impl Iterator<Item = String>, name: &str) -> Option<PathBuf> {
    let mut args = args.skip(1);
    let prefix = format!("{name}=");
    while let Some(arg) = args.next() {
        if let Some(dir) = arg.strip_prefix(&prefix) {
            return Some(PathBuf::from(dir));
        }
        if arg == name {
            return args.next().map(PathBuf::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::from_args;
    use std::path::PathBuf;

    fn args(list: &[&str]) -> impl Iterator<Item = String> {
        list.iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .into_iter()
    }

    #[test]
    fn data_dir_argument_in_both_forms() {
        assert_eq!(
            from_args(args(&["app", "--data-dir", "/tmp/a"])),
            Some(PathBuf::from("/tmp/a"))
        );
        assert_eq!(
            from_args(args(&["app", "--data-dir=/tmp/b"])),
            Some(PathBuf::from("/tmp/b"))
        );
        assert_eq!(from_args(args(&["app"])), None);
        assert_eq!(
            from_args(args(&["app", "--data-dir"])),
            None,
            "a missing value is ignored"
        );
    }
}
