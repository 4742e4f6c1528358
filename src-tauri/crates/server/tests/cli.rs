//! The server's own commands as `.ci/server.sh` runs them, with the
//! server's login role (granted `roundtable_app` only, under row-level
//! security closed by default): `demo` loads the invented borough as the
//! panel's staff, so `bash .ci/server.sh --demo` works, and refuses a store
//! that already has data.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use common::TestServer;

fn demo(server: &TestServer) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_roundtable-server"))
        .args(["demo", "--database", &server.conninfo()])
        .output()
        .unwrap()
}

#[test]
fn the_demo_loads_as_the_servers_own_role() {
    let server = TestServer::start();
    let loaded = demo(&server);
    assert!(
        loaded.status.success(),
        "{}",
        String::from_utf8_lossy(&loaded.stderr)
    );
    let panels: i64 = server
        .database
        .client()
        .query_one("SELECT count(*) FROM panel", &[])
        .unwrap()
        .get(0);
    assert_eq!(panels, 1);
    // A second time: refused in words, nothing added.
    let again = demo(&server);
    assert!(!again.status.success());
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("only be loaded into an empty"), "{said}");
}
