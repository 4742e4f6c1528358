//! `roundtable-server`: migrate the shared store (as its owner), make the
//! first administrator, and serve Roundtable over HTTPS.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use clap::{Args, Parser, Subcommand};
use roundtable_core::domain::account::{AccountInput, AccountRole};
use roundtable_core::features::accounts::{self, SessionLimits};
use roundtable_core::store::pg::PgStore;
use roundtable_server::tls::{self, CertificatePaths};
use roundtable_server::{AppState, Throttle, events, pool, serve};

#[derive(Parser)]
#[command(
    version,
    about = "Roundtable for a borough: the shared store behind HTTPS."
)]
struct Cli {
    /// The database, as libpq connection settings ("host=... dbname=...
    /// user=...") or a postgresql:// address.
    #[arg(long, env = "ROUNDTABLE_DATABASE", global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Creates or updates the schema; run as the database's owner.
    Migrate,
    /// Loads the demo borough (invented people) into an empty store.
    Demo,
    /// Copies a desktop Roundtable file (its roundtable.db, with the
    /// passphrase in ROUNDTABLE_DESKTOP_PASSPHRASE) into a new, empty
    /// shared store, audit log and all; run as the database's owner.
    ImportDesktop {
        #[arg(long)]
        file: PathBuf,
    },
    /// Accounts made on the server itself.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
    /// Serves the UI and its API over HTTPS.
    Serve(Serving),
}

// What `serve` is asked for. A plain comment: `serve --help` shows the
// variant's doc comment above, and only that.
#[derive(Args)]
struct Serving {
    /// Where the certificate lives (made there, self-signed, if absent).
    #[arg(long)]
    data: PathBuf,
    #[arg(long, default_value = "127.0.0.1:8443")]
    listen: String,
    /// The browser's build of the UI to serve (ui/dist-web).
    #[arg(long)]
    ui: Option<PathBuf>,
    /// Names browsers reach the server by, for a self-signed certificate.
    #[arg(long = "name")]
    names: Vec<String>,
    /// Database connections kept for requests.
    #[arg(long, default_value_t = 16)]
    connections: u32,
    /// Roles that must also sign in with an authenticator's code
    /// (e.g. administrator,coordinator).
    #[arg(long = "require-totp", value_delimiter = ',', value_parser = role)]
    require_totp: Vec<AccountRole>,
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Makes an administrator and prints a one-time password for them.
    Create {
        #[arg(long)]
        username: String,
        #[arg(long)]
        name: String,
    },
}

fn role(text: &str) -> Result<AccountRole, String> {
    AccountRole::parse(text).ok_or_else(|| {
        let all: Vec<&str> = AccountRole::ALL.iter().map(|r| r.as_str()).collect();
        format!("{text} is not a role: choose from {}", all.join(", "))
    })
}

fn database(cli: &Cli) -> Result<postgres::Config, String> {
    let text = cli
        .database
        .as_deref()
        .ok_or("Say which database: --database or ROUNDTABLE_DATABASE.")?;
    postgres::Config::from_str(text)
        .map_err(|e| format!("The database settings are not valid: {e}"))
}

fn run(cli: Cli) -> Result<(), String> {
    let config = database(&cli)?;
    match cli.command {
        Command::Migrate => {
            let mut store = PgStore::connect(&config).map_err(|e| e.to_string())?;
            let version = store.schema_version().map_err(|e| e.to_string())?;
            println!("The schema is at version {version}.");
            Ok(())
        }
        Command::Demo => demo(&config),
        Command::ImportDesktop { file } => import_desktop(&config, &file),
        Command::Admin {
            command: AdminCommand::Create { username, name },
        } => create_administrator(&config, username, name),
        Command::Serve(asked) => serve_https(config, asked),
    }
}

fn demo(config: &postgres::Config) -> Result<(), String> {
    let mut store = PgStore::open(config).map_err(|e| e.to_string())?;
    store.set_actor("roundtable-server demo");
    // As the panel's staff: the server's role sees and writes no
    // record until someone is named (migration 18).
    store.set_agency(None).map_err(|e| e.to_string())?;
    roundtable_core::features::demo::load(&mut store, roundtable_core::dates::local_today())
        .map_err(|e| e.to_string())?;
    println!("The demo borough is loaded.");
    Ok(())
}

fn import_desktop(config: &postgres::Config, file: &std::path::Path) -> Result<(), String> {
    let passphrase = std::env::var("ROUNDTABLE_DESKTOP_PASSPHRASE")
        .map_err(|_| "Give the desktop file's passphrase in ROUNDTABLE_DESKTOP_PASSPHRASE.")?;
    let desktop = roundtable_core::Store::open(file, &passphrase).map_err(|e| e.to_string())?;
    let mut store = PgStore::connect(config).map_err(|e| e.to_string())?;
    store.set_actor("roundtable-server import-desktop");
    let report = roundtable_core::features::desktop_import::import(&desktop, &mut store)
        .map_err(|e| e.to_string())?;
    for (table, rows) in &report.tables {
        println!("{table:>24}  {rows:>8}");
    }
    println!(
        "Imported; every table's count matches the desktop file, and the audit log \
         ({} entries) verifies.",
        report.audit_entries
    );
    Ok(())
}

fn create_administrator(
    config: &postgres::Config,
    username: String,
    name: String,
) -> Result<(), String> {
    let mut store = PgStore::open(config).map_err(|e| e.to_string())?;
    store.set_actor("roundtable-server admin create");
    let input = AccountInput {
        username,
        display_name: name,
        role: Some(AccountRole::Administrator),
        agency_id: None,
    };
    let (account, password) =
        accounts::create(&mut store, None, &input).map_err(|e| e.to_string())?;
    println!("Administrator {} created.", account.username);
    println!("One-time password (to be changed at first sign-in): {password}");
    Ok(())
}

fn serve_https(config: postgres::Config, asked: Serving) -> Result<(), String> {
    let Serving {
        data,
        listen,
        ui,
        names,
        connections,
        require_totp,
    } = asked;
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let paths = CertificatePaths::in_folder(&data);
    if tls::ensure_certificate(&paths, &names)? {
        println!(
            "Made a self-signed certificate: {}",
            paths.certificate.display()
        );
    }
    let pool = pool::pool(config.clone(), connections).map_err(|e| e.to_string())?;
    let announcer = events::announcer();
    events::listen(config, &announcer);
    let listener = TcpListener::bind(&listen).map_err(|e| format!("{listen}: {e}"))?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let tls = tls::rustls_config(&paths).await?;
        let state = AppState {
            pool,
            limits: SessionLimits::default(),
            throttle: Throttle::default(),
            ui,
            announcer,
            totp_roles: require_totp,
        };
        println!("Roundtable is serving on https://{listen}");
        serve(listener, state, tls).await.map_err(|e| e.to_string())
    })
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("roundtable-server: {message}");
            ExitCode::FAILURE
        }
    }
}
