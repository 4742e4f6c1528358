//! Whatever a client sends, through the real router over HTTPS: any JSON
//! (or none) to any command, and any bytes to sign-in, is answered with
//! success or a 4xx in the usual shape, never a 5xx, and the server keeps
//! answering.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::OnceLock;

use common::TestServer;
use proptest::prelude::*;
use roundtable_core::domain::account::AccountRole;
use roundtable_server::commands::NAMES;
use serde_json::{Map, Value, json};

/// One server (with the demo borough) for every case: starting one per
/// case would be most of the run.
fn server() -> &'static (TestServer, String) {
    static SERVER: OnceLock<(TestServer, String)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let server = TestServer::start();
        server.load_demo();
        let password = server.account("priya", "Priya Shah", AccountRole::Coordinator);
        let token = server.sign_in("priya", &password);
        (server, token)
    })
}

/// Arguments' names the commands use, so generated objects often hit them.
const KEYS: &[&str] = &[
    "id",
    "meetingId",
    "caseId",
    "agencyId",
    "panelId",
    "itemId",
    "input",
    "filter",
    "kind",
    "status",
    "query",
    "labels",
    "ids",
    "note",
    "request",
    "archived",
    "member",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::String),
        Just(json!("00000000-0000-4000-8000-000000000000")),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..5).prop_map(|pairs| {
                Value::Object(
                    pairs
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

fn shaped_answer(status: u16, body: &Value) -> bool {
    status < 300
        || ((400..500).contains(&status)
            && body["code"].is_string()
            && body["message"].as_str().is_some_and(|m| !m.is_empty()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_arguments_to_any_command_get_an_answer_never_a_5xx(
        command in prop::sample::select(NAMES),
        args in json_value(),
    ) {
        let (server, token) = server();
        let answer = server.call(token, command, args.clone());
        prop_assert!(shaped_answer(answer.status, &answer.body), "{command} {args}: {answer:?}");
    }

    #[test]
    fn any_bytes_to_sign_in_get_an_answer_never_a_5xx(body in prop::collection::vec(any::<u8>(), 0..200)) {
        let (server, _) = server();
        let answer = server.send("POST", "/api/session", None, Some(&body));
        prop_assert!(
            answer.status == 400 || answer.status == 401 || answer.status == 429,
            "{answer:?}"
        );
        prop_assert!(shaped_answer(answer.status, &answer.body), "{answer:?}");
    }
}
