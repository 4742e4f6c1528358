//! A server for one test: its own scratch database on the throwaway cluster
//! the test command starts, migrated by the owner, served over HTTPS by the
//! real router (self-signed certificate, in a temporary folder) as a login
//! role that is only granted `roundtable_app`, and an HTTPS client that
//! trusts that certificate alone and keeps no cookies of its own.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic, dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

use roundtable_core::domain::account::{AccountInput, AccountRole};
use roundtable_core::features::accounts::{self, SessionLimits};
use roundtable_core::store::pg::PgStore;
use roundtable_core::store::pg::scratch::ScratchDatabase;
use roundtable_server::tls::{self, CertificatePaths};
use roundtable_server::{AppState, Throttle, events, pool};
use serde_json::{Value, json};
use ureq::tls::{Certificate, RootCerts, TlsConfig};

/// Research before a meeting: its publishing, and the sweep over agencies.
pub mod research;

pub struct TestServer {
    pub database: ScratchDatabase,
    pub addr: SocketAddr,
    /// The server's own login role (granted `roundtable_app` only).
    pub role: String,
    agent: ureq::Agent,
    _dir: tempfile::TempDir,
    _runtime: tokio::runtime::Runtime,
}

/// `share_information`'s arguments: what `agency` holds about `case`
/// (known, with `facts`), as an edit of `based_on` when given.
pub fn share_args(
    meeting: &str,
    case: &str,
    agency: &str,
    facts: &str,
    based_on: Option<&str>,
) -> Value {
    let mut input = json!({"state": "known", "facts": facts, "opinion": "",
        "withheld": "", "withheld_reason": ""});
    if let Some(version) = based_on {
        input["based_on"] = json!(version);
    }
    json!({"meetingId": meeting, "caseId": case, "agencyId": agency, "input": input})
}

/// An answer: its status, `Set-Cookie`, and JSON body (Null if none).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub set_cookie: Option<String>,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    /// The session token the answer set.
    pub fn token(&self) -> String {
        let cookie = self.set_cookie.as_deref().expect("a cookie was set");
        let pair = cookie.split(';').next().unwrap();
        pair.split_once('=').unwrap().1.to_owned()
    }
}

impl TestServer {
    pub fn start() -> Self {
        Self::start_with(4)
    }

    /// As [`Self::start`], with `connections` in the server's pool.
    pub fn start_with(connections: u32) -> Self {
        let database = ScratchDatabase::new();
        drop(database.store()); // migrated by the owner
        let role = format!("rt_server_{}", uuid::Uuid::new_v4().simple());
        database
            .client()
            .batch_execute(&format!(
                "CREATE ROLE {role} LOGIN PASSWORD 'server-secret' IN ROLE roundtable_app"
            ))
            .unwrap();
        let mut as_server = database.config().clone();
        as_server.user(&role).password("server-secret");
        let dir = tempfile::tempdir().unwrap();
        let paths = CertificatePaths::in_folder(dir.path());
        assert!(tls::ensure_certificate(&paths, &[]).unwrap());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let announcer = events::announcer();
        events::listen(as_server.clone(), &announcer);
        let state = AppState {
            pool: pool::pool(as_server, connections).unwrap(),
            limits: SessionLimits::default(),
            throttle: Throttle::default(),
            ui: None,
            announcer,
            totp_roles: vec![AccountRole::Administrator],
        };
        let config = runtime.block_on(tls::rustls_config(&paths)).unwrap();
        runtime.spawn(roundtable_server::serve(listener, state, config));
        let pem = std::fs::read(&paths.certificate).unwrap();
        let certificate = Certificate::from_pem(&pem).unwrap().to_owned();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(
                TlsConfig::builder()
                    .root_certs(RootCerts::Specific(Arc::new(vec![certificate])))
                    .build(),
            )
            .http_status_as_error(false)
            .build()
            .into();
        Self {
            database,
            addr,
            role,
            agent,
            _dir: dir,
            _runtime: runtime,
        }
    }

    /// An account made as the server's own command would (the first
    /// administrator), with its password already chosen.
    /// Loads the demo borough (as the owner, like `roundtable-server demo`).
    pub fn load_demo(&self) {
        let mut store = PgStore::connect(self.database.config()).unwrap();
        roundtable_core::features::demo::load(&mut store, roundtable_core::dates::local_today())
            .unwrap();
    }

    /// The conninfo the server binary connects with, as its own role.
    pub fn conninfo(&self) -> String {
        let config = self.database.config();
        let host = match &config.get_hosts()[0] {
            postgres::config::Host::Tcp(name) => name.clone(),
            postgres::config::Host::Unix(path) => path.display().to_string(),
        };
        format!(
            "host={host} port={} user={} password=server-secret dbname={}",
            config.get_ports().first().copied().unwrap_or(5432),
            self.role,
            config.get_dbname().unwrap()
        )
    }

    /// Loads a few months of the generated borough (four panels, forty
    /// agencies, 400 cases, names in many scripts), copied in by the owner.
    pub fn load_generated(&self) {
        use roundtable_core::scale;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("borough.db");
        let mut lite = roundtable_core::store::Store::create(&path, "generated borough").unwrap();
        scale::generate(&mut lite, &scale::Spec::small(18)).unwrap();
        let mut store = PgStore::connect(self.database.config()).unwrap();
        scale::postgres::copy_to_postgres(&lite, &mut store).unwrap();
    }

    /// A chair (Chris Chair) and a minute-taker (Mina Minutes), signed in:
    /// their session tokens.
    pub fn chair_and_minute_taker(&self) -> (String, String) {
        let chair = self.account("chris", "Chris Chair", AccountRole::Chair);
        let minutes = self.account("mina", "Mina Minutes", AccountRole::MinuteTaker);
        (
            self.sign_in("chris", &chair),
            self.sign_in("mina", &minutes),
        )
    }

    /// A planned meeting of the demo's with cases: its id, a case item's
    /// id and case id, and an agency expected at it.
    pub fn demo_meeting(&self, token: &str) -> (String, Value, String, String) {
        let meetings = self.call(token, "list_meetings", json!({"panelId": null}));
        let planned = meetings
            .body
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["status"] == "planned" && m["case_count"].as_u64().unwrap_or(0) > 0)
            .expect("the demo has a planned meeting with cases");
        let meeting_id = planned["id"].as_str().unwrap().to_owned();
        let detail = self.call(token, "get_meeting", json!({"id": meeting_id}));
        let item = detail.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["case"].is_object())
            .unwrap()
            .clone();
        let case_id = item["case"]["id"].as_str().unwrap().to_owned();
        let agency_id = detail.body["expected_agency_ids"][0]
            .as_str()
            .unwrap()
            .to_owned();
        (meeting_id, item, case_id, agency_id)
    }

    pub fn account(&self, username: &str, name: &str, role: AccountRole) -> String {
        let mut store = PgStore::connect(self.database.config()).unwrap();
        let agency_id = (role == AccountRole::Agency).then(|| self.agency(&mut store));
        let input = AccountInput {
            username: username.into(),
            display_name: name.into(),
            role: Some(role),
            agency_id,
        };
        let (account, once) = accounts::create(&mut store, None, &input).unwrap();
        let chosen = format!("{username} chose a long passphrase of their own");
        accounts::change_password(&mut store, &account, &once, &chosen).unwrap();
        chosen
    }

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
        let chosen = format!("{username} chose a long passphrase of their own");
        accounts::change_password(&mut store, &account, &once, &chosen).unwrap();
        chosen
    }

    fn agency(&self, store: &mut PgStore) -> uuid::Uuid {
        use roundtable_core::domain::{AgencyInput, Sector};
        let input = AgencyInput {
            name: "Lowbridge Police".into(),
            short_code: format!("P{}", &uuid::Uuid::new_v4().simple().to_string()[..6]),
            sector: Some(Sector::Police),
            secure_email: String::new(),
            representatives: Vec::new(),
        };
        roundtable_core::features::agencies::create(store, &input)
            .unwrap()
            .id
    }

    pub fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.addr.port())
    }

    /// A request as the UI's web backend sends it (with the header that
    /// proves it came from this site's own pages).
    pub fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&[u8]>,
    ) -> Answer {
        self.raw(method, path, token, body, &[("x-roundtable", "1")])
    }

    pub fn raw(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&[u8]>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut request = ureq::http::Request::builder()
            .method(method)
            .uri(self.url(path));
        if let Some(token) = token {
            request = request.header("cookie", format!("__Host-roundtable={token}"));
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let request = request.body(body.unwrap_or_default().to_vec()).unwrap();
        let mut response = self.agent.run(request).unwrap();
        let set_cookie = response
            .headers()
            .get("set-cookie")
            .map(|v| v.to_str().unwrap().to_owned());
        let text = response.body_mut().read_to_string().unwrap_or_default();
        Answer {
            status: response.status().as_u16(),
            set_cookie,
            body: serde_json::from_str(&text).unwrap_or(Value::Null),
        }
    }

    /// A download: its status and the text `pdftotext` reads from it.
    pub fn download_text(&self, token: &str, wanted: Value) -> (u16, String) {
        let (status, _, text, _) = self.download_sealed(token, wanted);
        (status, text)
    }

    /// A download that may be encrypted: its status, the password the
    /// server made (its header), and the text `pdftotext` reads with that
    /// password ("" if the file does not open with it), and its bytes.
    pub fn download_sealed(
        &self,
        token: &str,
        wanted: Value,
    ) -> (u16, Option<String>, String, Vec<u8>) {
        let request = ureq::http::Request::builder()
            .method("POST")
            .uri(self.url("/api/download"))
            .header("cookie", format!("__Host-roundtable={token}"))
            .header("x-roundtable", "1")
            .header("content-type", "application/json")
            .body(wanted.to_string().into_bytes())
            .unwrap();
        let mut response = self.agent.run(request).unwrap();
        let status = response.status().as_u16();
        let password = response
            .headers()
            .get("x-roundtable-password")
            .map(|v| v.to_str().unwrap().to_owned());
        let bytes = response.body_mut().read_to_vec().unwrap();
        if status != 200 {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            return (status, password, text, bytes);
        }
        let mut args = vec!["-", "-"];
        if let Some(p) = password.as_deref() {
            args = vec!["-upw", p, "-", "-"];
        }
        let mut child = std::process::Command::new("pdftotext")
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("pdftotext (poppler-utils, installed by the test command)");
        std::io::Write::write_all(&mut child.stdin.take().unwrap(), &bytes).unwrap();
        let out = child.wait_with_output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        (status, password, text, bytes)
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: Value) -> Answer {
        self.send("POST", path, token, Some(body.to_string().as_bytes()))
    }

    /// Signs in; returns the session's token.
    pub fn sign_in(&self, username: &str, password: &str) -> String {
        let answer = self.post(
            "/api/session",
            None,
            json!({"username": username, "password": password}),
        );
        assert_eq!(answer.status, 200, "{answer:?}");
        answer.token()
    }

    /// Opens the meeting's event stream as a browser would; each event's
    /// data arrives on the channel as it is read.
    pub fn watch(&self, token: &str, meeting: &str) -> std::sync::mpsc::Receiver<String> {
        use std::io::BufRead;
        let request = ureq::http::Request::builder()
            .method("GET")
            .uri(self.url(&format!("/api/events?meeting={meeting}")))
            .header("cookie", format!("__Host-roundtable={token}"))
            .body(Vec::new())
            .unwrap();
        let response = self.agent.run(request).unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let reader = std::io::BufReader::new(response.into_body().into_reader());
            for line in reader.lines() {
                let Ok(line) = line else { return };
                if let Some(data) = line.strip_prefix("data:")
                    && tx.send(data.trim().to_owned()).is_err()
                {
                    return;
                }
            }
        });
        rx
    }

    /// The client, for benchmarks that share it between threads.
    pub fn agent(&self) -> ureq::Agent {
        self.agent.clone()
    }

    pub fn call(&self, token: &str, command: &str, args: Value) -> Answer {
        self.post(&format!("/api/call/{command}"), Some(token), args)
    }
}
