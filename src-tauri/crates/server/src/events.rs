//! Live meetings: several browsers on one meeting (chair, minute-taker,
//! projector) hear of each other's changes without reloading. PostgreSQL
//! announces every committed change to a meeting (migration 14, the
//! `roundtable_meeting` channel); one listener thread per server passes
//! each announcement to the browsers showing that meeting, as server-sent
//! events. A browser reads what changed through the usual commands, so
//! what it sees is always the store's own, checked as for any request.
//!
//! If the listener loses the database (a restart), it reconnects and
//! announces the nil id: everything may have changed while it was away.

use std::convert::Infallible;
use std::sync::{Arc, Weak};
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use postgres::NoTls;
use postgres::fallible_iterator::FallibleIterator;
use roundtable_core::CoreError;
use serde::Deserialize;
use tokio::sync::broadcast;
use uuid::Uuid;

use crate::app::{Caller, Needs, Shared, request};
use crate::error::{HttpError, HttpResult};
use roundtable_core::store::pg::RequestKind;

pub const CHANNEL: &str = "roundtable_meeting";

/// How long one event stream lasts before the browser must reconnect.
const STREAM_LIFETIME: Duration = Duration::from_secs(5 * 60);

/// Changed meetings, as PostgreSQL announces them, for every browser.
pub type Announcer = Arc<broadcast::Sender<Uuid>>;

pub fn announcer() -> Announcer {
    Arc::new(broadcast::channel(1024).0)
}

/// Listens on its own connection until the server (the announcer's last
/// holder) is gone; reconnects after a lost connection.
pub fn listen(config: postgres::Config, announcer: &Announcer) {
    let weak: Weak<broadcast::Sender<Uuid>> = Arc::downgrade(announcer);
    std::thread::spawn(move || {
        let mut first = true;
        while weak.strong_count() > 0 {
            let Ok(mut client) = config.connect(NoTls) else {
                std::thread::sleep(Duration::from_secs(1));
                continue;
            };
            if client.batch_execute(&format!("LISTEN {CHANNEL}")).is_err() {
                continue;
            }
            if !first && let Some(tx) = weak.upgrade() {
                let _ = tx.send(Uuid::nil());
            }
            first = false;
            loop {
                // A new wait each time: the iterator's timeout runs from
                // when it is made, so one kept across waits stops waiting.
                let next = client
                    .notifications()
                    .timeout_iter(Duration::from_secs(1))
                    .next();
                match next {
                    Ok(Some(n)) => {
                        let Some(tx) = weak.upgrade() else { return };
                        if let Ok(id) = Uuid::parse_str(n.payload()) {
                            let _ = tx.send(id);
                        }
                    }
                    // A quiet second: still wanted?
                    Ok(None) if weak.strong_count() > 0 => {}
                    Ok(None) => return,
                    Err(_) => break,
                }
            }
        }
    });
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Watch {
    meeting: Uuid,
}

/// `GET /api/events?meeting=<id>`: an event `changed` (data: the meeting's
/// id, or the nil id for "reload everything") whenever the meeting changes.
pub async fn meeting_events(
    State(state): State<Shared>,
    caller: Caller,
    watch: Result<Query<Watch>, QueryRejection>,
) -> HttpResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    request(
        &state,
        caller,
        Needs::Work,
        RequestKind::Reading,
        |_, me| {
            if me.role.works_the_panel() {
                Ok(())
            } else {
                // An agency's representative follows no meeting yet (issue 18).
                Err(CoreError::Forbidden("Your account cannot follow the panel's meetings.").into())
            }
        },
    )
    .await?;
    let Query(watch) = watch.map_err(|e| HttpError::bad_request(e.body_text()))?;
    let receiver = state.announcer.subscribe();
    // The stream ends after a while; the browser's EventSource opens it
    // again by itself, and the session is checked again then (signed out
    // or disabled: no more events).
    let ends = tokio::time::Instant::now() + STREAM_LIFETIME;
    let stream = futures_util::stream::unfold(receiver, move |mut rx| async move {
        loop {
            let Ok(received) = tokio::time::timeout_at(ends, rx.recv()).await else {
                return None;
            };
            let id = match received {
                Ok(id) if id == watch.meeting || id.is_nil() => id,
                Ok(_) => continue,
                // Too far behind: tell the browser to read everything again.
                Err(broadcast::error::RecvError::Lagged(_)) => Uuid::nil(),
                Err(broadcast::error::RecvError::Closed) => return None,
            };
            let event = Event::default().event("changed").data(id.to_string());
            return Some((Ok(event), rx));
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}
