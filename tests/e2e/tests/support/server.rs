//! A Roundtable server for one browser test or benchmark: the real
//! `roundtable-server` binary on a scratch database of the throwaway
//! PostgreSQL cluster (`pg_virtualenv`), the demo borough loaded, serving
//! the UI's web build on a free port; and the steps every browser takes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use roundtable_core::domain::account::{Account, AccountInput, AccountRole};
use roundtable_core::features::accounts;
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_e2e::Harness;

const ESC: &str = "\u{E00C}";

/// `roundtable-server serve`, as a login role granted only `roundtable_app`.
pub struct Server {
    pub url: String,
    child: Child,
    /// How it was started, to start it again.
    command: Vec<std::ffi::OsString>,
    port: u16,
    database: ScratchDatabase,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn server_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("ROUNDTABLE_SERVER") {
        return path.into();
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("debug/roundtable-server")
}

impl Server {
    /// The demo borough on a new database, served on a free port.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// As [`Self::start`], with more arguments for `serve`.
    pub fn start_with(extra: &[&str]) -> Self {
        let database = ScratchDatabase::new();
        let mut owner = database.store();
        roundtable_core::features::demo::load(&mut owner, roundtable_core::dates::local_today())
            .unwrap();
        let role = format!("rt_browser_{}", uuid_like());
        database
            .client()
            .batch_execute(&format!(
                "CREATE ROLE {role} LOGIN PASSWORD 'server-secret' IN ROLE roundtable_app"
            ))
            .unwrap();
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let settings = format!(
            "host={} port={} dbname={} user={role} password=server-secret",
            var("PGHOST"),
            var("PGPORT"),
            database.config().get_dbname().unwrap()
        );
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let ui = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/dist-web");
        assert!(
            ui.join("index.html").exists(),
            "the UI's web build is made by the test command (npm run build:web)"
        );
        let mut command: Vec<std::ffi::OsString> = vec![
            "serve".into(),
            "--database".into(),
            settings.into(),
            "--listen".into(),
            format!("127.0.0.1:{port}").into(),
            "--data".into(),
            dir.path().into(),
            "--ui".into(),
            ui.into(),
        ];
        command.extend(extra.iter().map(Into::into));
        let child = spawn(&command);
        let server = Self {
            url: format!("https://127.0.0.1:{port}/"),
            child,
            command,
            port,
            database,
            _dir: dir,
        };
        server.wait_listening(port);
        server
    }

    /// Kills the server with SIGKILL, as a crash or a power cut would.
    pub fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Starts the killed server again on the same database, port and
    /// certificate.
    pub fn start_again(&mut self) {
        self.child = spawn(&self.command);
        self.wait_listening(self.port);
    }

    fn wait_listening(&self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// A new account and its one-time password.
    pub fn account(&self, username: &str, name: &str, role: AccountRole) -> (Account, String) {
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let input = AccountInput {
            username: username.into(),
            display_name: name.into(),
            role: Some(role),
            agency_id: None,
        };
        accounts::create(&mut store, None, &input).unwrap()
    }

    /// A new account whose password is already chosen: that password.
    pub fn ready_account(&self, username: &str, name: &str, role: AccountRole) -> String {
        let (account, once) = self.account(username, name, role);
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let chosen = format!("{username} has a long passphrase of their own");
        accounts::change_password(&mut store, &account, &once, &chosen).unwrap();
        chosen
    }
}

impl Server {
    /// A representative of `agency`, its password chosen: that password.
    pub fn agency_account(&self, username: &str, name: &str, agency: uuid::Uuid) -> String {
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let input = AccountInput {
            username: username.into(),
            display_name: name.into(),
            role: Some(AccountRole::Agency),
            agency_id: Some(agency),
        };
        let (account, once) = accounts::create(&mut store, None, &input).unwrap();
        let chosen = format!("{username} has a long passphrase of their own");
        accounts::change_password(&mut store, &account, &once, &chosen).unwrap();
        chosen
    }

    /// The demo's next meeting: its id, its cases (id, reference, name) in
    /// agenda order, and the agencies expected at it.
    pub fn next_meeting(
        &self,
    ) -> (
        uuid::Uuid,
        Vec<(uuid::Uuid, String, String)>,
        Vec<uuid::Uuid>,
    ) {
        let mut owner = self.database.client();
        let meeting: uuid::Uuid = owner
            .query_one(
                "SELECT id FROM meeting WHERE status <> 'held' ORDER BY date DESC LIMIT 1",
                &[],
            )
            .unwrap()
            .get(0);
        let cases = owner
            .query(
                "SELECT c.id, c.reference, c.subject_name FROM agenda_item i
                 JOIN person_case c ON c.id = i.case_id WHERE i.meeting_id = $1 ORDER BY i.position",
                &[&meeting],
            )
            .unwrap()
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let agencies = owner
            .query(
                "SELECT e.agency_id FROM meeting_expected_agency e JOIN agency g ON g.id = e.agency_id
                 WHERE e.meeting_id = $1 ORDER BY lower(g.name)",
                &[&meeting],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        (meeting, cases, agencies)
    }

    /// What the meeting's cockpit holds of one case, as the panel's staff see it.
    pub fn case_in_meeting(
        &self,
        meeting: uuid::Uuid,
        case: uuid::Uuid,
    ) -> roundtable_core::features::cockpit::CaseInMeeting {
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let today = roundtable_core::dates::local_today();
        store
            .read(|db| {
                roundtable_core::features::cockpit::case_in_meeting(db, meeting, case, today)
            })
            .unwrap()
    }

    /// Every action of the demo, as the panel's staff see them.
    pub fn actions(&self) -> Vec<roundtable_core::domain::action::Action> {
        use roundtable_core::features::tracker::{self, ActionFilter, StatusFilter};
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let filter = ActionFilter {
            panel_id: None,
            agency_id: None,
            status: StatusFilter::All,
            overdue: false,
            due_within_days: None,
            case_reference: String::new(),
        };
        let today = roundtable_core::dates::local_today();
        store
            .read(|db| tracker::list(db, &filter, today))
            .unwrap()
            .actions
    }
}

fn spawn(command: &[std::ffi::OsString]) -> Child {
    Command::new(server_binary())
        .args(command)
        .stdout(Stdio::null())
        .spawn()
        .expect("the server is built by the test command (cargo build --workspace)")
}

fn uuid_like() -> String {
    // Unique across the tests of one run (several start at once).
    static STARTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{}_{n}_{nanos}", std::process::id())
}

pub async fn sign_in(h: &Harness, username: &str, password: &str) {
    h.heading("Sign in to Roundtable").await;
    h.fill("sign-in-username", username).await;
    h.fill("sign-in-password", password).await;
    h.click_button("Sign in").await;
}

/// Signs in with a chosen password and opens the demo's next meeting.
pub async fn into_the_cockpit(h: &Harness, username: &str, password: &str) {
    sign_in(h, username, password).await;
    h.click_link("Meetings").await;
    h.heading("Meetings").await;
    h.click_button("Run the meeting").await;
    h.heading("The meeting has not started").await;
}

pub async fn shortcut(h: &Harness, key: &str) {
    h.press(ESC).await;
    h.press(key).await;
}
