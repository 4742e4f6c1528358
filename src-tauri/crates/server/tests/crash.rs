//! No data lost: the real `roundtable-server` binary killed with SIGKILL in
//! the middle of a stream of edits keeps every edit it acknowledged; and
//! when PostgreSQL drops the server's connections (as a restart does), a
//! request fails with a clear error instead of silently, the next one
//! works, and every watching browser is told to read again.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::{Child, Command};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::TestServer;
use roundtable_core::domain::account::AccountRole;
use serde_json::json;
use ureq::tls::{RootCerts, TlsConfig};

fn spawn(server: &TestServer, data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_roundtable-server"))
        .args(["serve", "--data"])
        .arg(data)
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--database",
            &server.conninfo(),
        ])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// A client of the binary's port, trusting the certificate it made.
fn agent(data: &std::path::Path) -> ureq::Agent {
    let pem = std::fs::read(data.join("certificate.pem")).unwrap();
    let certificate = ureq::tls::Certificate::from_pem(&pem).unwrap().to_owned();
    ureq::Agent::config_builder()
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::Specific(Arc::new(vec![certificate])))
                .build(),
        )
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

fn post(
    agent: &ureq::Agent,
    port: u16,
    path: &str,
    token: Option<&str>,
    body: serde_json::Value,
) -> Option<(u16, serde_json::Value, Option<String>)> {
    let mut request = agent
        .post(format!("https://localhost:{port}{path}"))
        .header("x-roundtable", "1");
    if let Some(token) = token {
        request = request.header("cookie", format!("__Host-roundtable={token}"));
    }
    let mut response = request.send_json(body).ok()?;
    let cookie = response
        .headers()
        .get("set-cookie")
        .map(|v| v.to_str().unwrap().to_owned());
    let value = response
        .body_mut()
        .read_json()
        .unwrap_or(serde_json::Value::Null);
    Some((response.status().as_u16(), value, cookie))
}

fn wait_until_up(data: &std::path::Path, port: u16) -> ureq::Agent {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if data.join("certificate.pem").exists() {
            let agent = agent(data);
            if agent
                .get(format!("https://localhost:{port}/api/session"))
                .call()
                .is_ok()
            {
                return agent;
            }
        }
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn a_killed_server_keeps_every_edit_it_acknowledged() {
    let server = TestServer::start();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let data = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = spawn(&server, data.path(), port);
    let agent = wait_until_up(data.path(), port);
    let (status, _, cookie) = post(
        &agent,
        port,
        "/api/session",
        None,
        json!({"username": "priya", "password": password}),
    )
    .unwrap();
    assert_eq!(status, 200);
    let token = cookie
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned();

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (agent, token, stop) = (agent.clone(), token.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut acknowledged = Vec::new();
            for n in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let name = format!("Agency {n:04}");
                let input = json!({"input": {"name": name, "short_code": format!("A{n:04}"),
                    "sector": "police", "secure_email": "", "representatives": []}});
                match post(&agent, port, "/api/call/create_agency", Some(&token), input) {
                    Some((200, _, _)) => acknowledged.push(name),
                    _ => break,
                }
            }
            acknowledged
        })
    };
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    stop.store(true, Ordering::Relaxed);
    let acknowledged = writer.join().unwrap();
    assert!(
        acknowledged.len() >= 5,
        "only {} edits before the kill",
        acknowledged.len()
    );

    let mut child = spawn(&server, data.path(), port);
    let agent = wait_until_up(data.path(), port);
    let (status, agencies, _) = post(
        &agent,
        port,
        "/api/call/list_agencies",
        Some(&token),
        json!({}),
    )
    .unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(status, 200, "the session outlives the server: {agencies}");
    let stored: Vec<&str> = agencies
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    for name in &acknowledged {
        assert!(
            stored.contains(&name.as_str()),
            "{name} was acknowledged and lost"
        );
    }
}

#[test]
fn lost_database_connections_fail_loudly_once_then_recover_and_browsers_are_told_to_reload() {
    let server = TestServer::start();
    server.load_demo();
    let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
    let token = server.sign_in("priya", &password);
    let (meeting_id, _, _, _) = server.demo_meeting(&token);
    let events = server.watch(&token, &meeting_id);
    server
        .database
        .client()
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
            &[&server.role],
        )
        .unwrap();
    let reload = events
        .recv_timeout(Duration::from_secs(15))
        .expect("told to read again");
    assert_eq!(reload, uuid::Uuid::nil().to_string());
    // Each broken connection fails one request with a clear error, then
    // is replaced; within a few requests everything answers again.
    let mut answered = false;
    for _ in 0..8 {
        let answer = server.call(&token, "list_panels", json!({}));
        if answer.status == 200 {
            answered = true;
            break;
        }
        assert_eq!(answer.status, 503, "{answer:?}");
        assert_eq!(answer.code(), "storage");
    }
    assert!(answered, "the server recovered");
}
