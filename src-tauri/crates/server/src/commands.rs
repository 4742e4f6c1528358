//! `POST /api/call/{command}`: the desktop app's commands over HTTP, with
//! the same names and arguments (the UI's web backend sends what its Tauri
//! backend invokes), each calling the same core feature on PostgreSQL as
//! the signed-in account. Arguments are checked strictly: a missing one,
//! a wrong type or an unknown name is a 400 saying which.
//!
//! This is the first set (the directory, panels, cases, meetings); the
//! running meeting, exports and between-meetings commands follow.

use std::net::SocketAddr;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use roundtable_core::dates::local_today;
use roundtable_core::domain::case::CaseInput;
use roundtable_core::domain::meeting::MeetingInput;
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind};
use roundtable_core::features::cases::{CaseAction, CaseFilter};
use roundtable_core::features::{agencies, cases, meetings, panels};
use roundtable_core::store::pg::PgStore;
use roundtable_core::{CoreError, CoreResult};
use serde_json::Value;
use uuid::Uuid;

use crate::app::{Caller, Shared, blocking, parse};
use crate::error::{HttpError, HttpResult};

/// Declares each command once: its camelCase arguments (as Tauri passes
/// them) and the feature it calls with the store `s`.
macro_rules! commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* ) => |$s:ident| $body:expr ; )*) => {
        /// Every command the server answers, by name.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];

        fn run(store: &mut PgStore, name: &str, args: Value) -> HttpResult<Value> {
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase", deny_unknown_fields)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = arguments(args)?;
                    #[allow(unused_variables)]
                    let $s = &mut *store;
                    let value: CoreResult<_> = $body;
                    serde_json::to_value(value?).map_err(|e| {
                        HttpError::from(CoreError::Storage(format!("could not send the answer: {e}")))
                    })
                })*
                _ => Err(HttpError::with_status(StatusCode::NOT_FOUND, "There is no such request.")),
            }
        }
    };
}

commands! {
    list_panels() => |s| s.read(panels::list);
    new_panel_defaults(kind: PanelKind) => |s| Ok(PanelInput::defaults(kind));
    create_panel(input: PanelInput) => |s| panels::create(s, &input);
    update_panel(id: Uuid, input: PanelInput) => |s| panels::update(s, id, &input);
    set_panel_archived(id: Uuid, archived: bool) => |s| panels::set_archived(s, id, archived);
    set_panel_membership(panel_id: Uuid, agency_id: Uuid, member: bool) =>
        |s| panels::set_membership(s, panel_id, agency_id, member);
    list_agencies() => |s| s.read(agencies::list);
    create_agency(input: AgencyInput) => |s| agencies::create(s, &input);
    update_agency(id: Uuid, input: AgencyInput) => |s| agencies::update(s, id, &input);
    set_agency_archived(id: Uuid, archived: bool) => |s| agencies::set_archived(s, id, archived);
    list_cases(filter: CaseFilter) =>
        |s| s.read_one(|db| cases::list(db, &filter, local_today()));
    get_case(id: Uuid) => |s| s.read(|db| cases::get(db, id, local_today()));
    new_case_defaults(panel_id: Uuid) => |s| Ok(CaseInput::blank(panel_id, local_today()));
    create_case(input: CaseInput) => |s| cases::create(s, &input, local_today());
    update_case(id: Uuid, input: CaseInput) => |s| cases::update(s, id, &input, local_today());
    case_action(id: Uuid, action: CaseAction) =>
        |s| cases::transition(s, id, &action, local_today());
    list_meetings(panel_id: Option<Uuid>) => |s| s.read(|db| meetings::list(db, panel_id));
    get_meeting(id: Uuid) => |s| s.read(|db| meetings::get(db, id));
    create_meeting(input: MeetingInput) => |s| meetings::create(s, &input, local_today());
}

/// The arguments object (absent means none).
fn arguments<T: serde::de::DeserializeOwned>(args: Value) -> HttpResult<T> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args).map_err(|e| {
        HttpError::bad_request(format!("The request's arguments could not be read: {e}"))
    })
}

pub async fn call(
    State(state): State<Shared>,
    addr: ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Path(command): Path<String>,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<Value>> {
    let caller = Caller::of(&addr, &headers);
    let limits = state.limits;
    let value = blocking(&state, move |store| {
        let me = caller.account(store, limits)?;
        let args: Value = parse(body)?;
        if me.must_change_password {
            return Err(CoreError::Forbidden(
                "Choose your own password first: a one-time password only lets you do that.",
            )
            .into());
        }
        if !me.role.works_the_panel() {
            return Err(
                CoreError::Forbidden("Your account cannot open the panel's own records.").into(),
            );
        }
        run(store, &command, args)
    })
    .await?;
    Ok(Json(value))
}
