//! Backups of the shared store: PostgreSQL's own `pg_dump` (custom format),
//! encrypted on the way to disk under the backup's own passphrase with age
//! (scrypt, ChaCha20-Poly1305), so nothing readable is ever written. We use
//! the engine's dump and a standard encryption format rather than inventing
//! either: an administrator can also restore one by hand, with
//! `age -d backup.pgdump.age | pg_restore --no-owner -d <empty database>`.
//!
//! A restore goes into an empty database only, in one transaction
//! (`--single-transaction --exit-on-error`): all of it or nothing. The
//! restored store is then opened as usual (a newer schema is refused, an
//! older one migrated) and its audit chain verified.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use age::secrecy::SecretString;
use postgres::Config;
use postgres::config::Host;
use secrecy::ExposeSecret;

use super::PgStore;
use crate::domain::safety::{BackupInput, BackupSummary};
use crate::error::{CoreError, CoreResult};
use crate::store::sync_dir;

/// The libpq variables that point `pg_dump` and `pg_restore` at `config`'s
/// database (a password goes in the environment, never on a command line).
fn libpq_env(config: &Config) -> Vec<(&'static str, OsString)> {
    let mut env = Vec::new();
    match config.get_hosts().first() {
        Some(Host::Tcp(host)) => env.push(("PGHOST", host.into())),
        // A socket folder (tokio-postgres has Unix sockets on Unix only).
        #[cfg(unix)]
        Some(Host::Unix(dir)) => env.push(("PGHOST", dir.into())),
        None => {}
    }
    if let Some(port) = config.get_ports().first() {
        env.push(("PGPORT", port.to_string().into()));
    }
    if let Some(user) = config.get_user() {
        env.push(("PGUSER", user.into()));
    }
    if let Some(password) = config.get_password() {
        env.push((
            "PGPASSWORD",
            String::from_utf8_lossy(password).into_owned().into(),
        ));
    }
    if let Some(db) = config.get_dbname() {
        env.push(("PGDATABASE", db.into()));
    }
    env
}

fn tool(name: &str, config: &Config) -> Command {
    let mut command = Command::new(name);
    command.envs(libpq_env(config));
    command
}

fn spawn(mut command: Command, what: &str) -> CoreResult<Child> {
    command.stderr(Stdio::piped()).spawn().map_err(|e| {
        CoreError::Io(format!(
            "{what} could not be started ({e}); it comes with Debian's postgresql-client package."
        ))
    })
}

/// Waits for the tool; its own words if it failed.
fn finished(mut child: Child, what: &str) -> CoreResult<()> {
    let mut said = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut said);
    }
    let status = child.wait()?;
    if status.success() {
        Ok(())
    } else {
        Err(CoreError::Storage(format!(
            "{what} failed: {}",
            said.trim()
        )))
    }
}

fn wrong_passphrase() -> CoreError {
    CoreError::field(
        "backup_passphrase",
        "That passphrase does not open this backup (or the file is not a Roundtable backup). Nothing was changed.",
    )
}

impl PgStore {
    /// Dumps the whole store, encrypted under the backup's passphrase, into
    /// `folder` as `roundtable-backup-<when>.pgdump.age`; returns its path.
    /// The backup is noted in the audit log first, so it carries its own entry.
    pub fn back_up(
        &mut self,
        folder: &Path,
        input: &BackupInput,
        at: chrono::DateTime<chrono::Local>,
    ) -> CoreResult<PathBuf> {
        input.validate()?;
        let path = crate::store::new_backup_path(folder, at, "pgdump.age")?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        self.write(|db| crate::audit::record(db, "backup", "backup", None, name.as_deref()))?;
        let partial = path.with_extension("partial");
        let written = dump_encrypted(&self.config, &partial, &input.passphrase);
        if let Err(e) = written {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::rename(&partial, &path)?;
        sync_dir(folder)?;
        Ok(path)
    }

    /// Restores a backup into `target`, which must be an empty database;
    /// then opens it as the app would and checks its audit chain.
    pub fn restore_backup(
        target: &Config,
        file: &Path,
        passphrase: &SecretString,
    ) -> CoreResult<BackupSummary> {
        if !file.is_file() {
            return Err(CoreError::field(
                "file",
                "That file cannot be found. Choose it again.",
            ));
        }
        let mut client = target.connect(postgres::NoTls)?;
        let used: bool = client
            .query_one("SELECT to_regclass('person_case') IS NOT NULL", &[])?
            .get(0);
        if used {
            return Err(CoreError::Conflict(
                "A backup is restored into an empty database only; this one already holds Roundtable's data. Nothing was changed."
                    .into(),
            ));
        }
        drop(client);
        restore_decrypted(target, file, passphrase)?;
        let mut store = PgStore::connect(target)?;
        let check = store.verify_audit(&[])?;
        if !check.intact {
            return Err(CoreError::Storage(format!(
                "The restored data's audit log does not verify ({}).",
                check.message
            )));
        }
        store.summary(file)
    }

    /// What a restored store holds, as the restore screen shows it.
    fn summary(&mut self, file: &Path) -> CoreResult<BackupSummary> {
        let counts = self.client.query_one(
            "SELECT (SELECT count(*) FROM person_case), (SELECT count(*) FROM meeting),
                    (SELECT max(at)::text FROM audit_log WHERE action = 'backup')",
            &[],
        )?;
        let head = self.read(crate::audit::head)?;
        Ok(BackupSummary {
            head,
            file: file.display().to_string(),
            made_at: counts.get(2),
            cases: counts.get(0),
            meetings: counts.get(1),
        })
    }
}

/// `pg_dump` straight into the age writer: nothing unencrypted on disk.
fn dump_encrypted(config: &Config, to: &Path, passphrase: &SecretString) -> CoreResult<()> {
    let mut command = tool("pg_dump", config);
    command
        .args(["--format=custom", "--no-owner", "--no-privileges"])
        .stdout(Stdio::piped());
    let mut child = spawn(command, "pg_dump")?;
    let file = std::fs::File::create(to)?;
    let encryptor = age::Encryptor::with_user_passphrase(SecretString::from(
        passphrase.expose_secret().to_owned(),
    ));
    let mut writer = encryptor.wrap_output(std::io::BufWriter::new(file))?;
    if let Some(mut out) = child.stdout.take() {
        std::io::copy(&mut out, &mut writer)?;
    }
    finished(child, "pg_dump")?;
    let mut file = writer.finish()?;
    file.flush()?;
    file.get_ref().sync_all()?;
    Ok(())
}

/// Decrypts into `pg_restore`, which loads it in one transaction.
fn restore_decrypted(target: &Config, file: &Path, passphrase: &SecretString) -> CoreResult<()> {
    let input = std::io::BufReader::new(std::fs::File::open(file)?);
    let decryptor = age::Decryptor::new_buffered(input).map_err(|_| {
        CoreError::field(
            "file",
            "That file is not a Roundtable server backup, or it is damaged. Nothing was changed.",
        )
    })?;
    let identity =
        age::scrypt::Identity::new(SecretString::from(passphrase.expose_secret().to_owned()));
    let mut plain = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| wrong_passphrase())?;
    let mut command = tool("pg_restore", target);
    command
        .args([
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
        ])
        .arg("--dbname")
        .arg(target.get_dbname().unwrap_or("postgres"))
        .stdin(Stdio::piped())
        .stdout(Stdio::null());
    let mut child = spawn(command, "pg_restore")?;
    let copied = match child.stdin.take() {
        Some(mut stdin) => std::io::copy(&mut plain, &mut stdin).map(|_| ()),
        None => Ok(()),
    };
    finished(child, "pg_restore")?;
    copied.map_err(|e| {
        CoreError::field(
            "file",
            format!("The backup could not be read to the end ({e}). Nothing was changed."),
        )
    })
}
