//! Roundtable for a borough (issue 17): the same core as the desktop app,
//! on PostgreSQL, behind HTTPS, for any browser. Several coordinators share
//! one store; each request is signed in, runs as its account (the audit
//! log names it), and reaches the database as a role that owns nothing.

pub mod app;
mod auth;
pub mod commands;
pub mod error;
pub mod events;
mod files;
mod invitations;
pub mod pool;
pub mod session;
mod throttle;
pub mod tls;
mod totp;

use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;

pub use app::{AppState, Shared, router};
pub use throttle::Throttle;

/// Serves `state` over HTTPS on `listener` until the process ends.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    tls: axum_server::tls_rustls::RustlsConfig,
) -> std::io::Result<()> {
    let app = router(Arc::new(state));
    listener.set_nonblocking(true)?;
    axum_server::from_tcp_rustls(listener, tls)?
        .serve(app.into_make_service_with_connect_info::<SocketAddr>())
        .await
}
