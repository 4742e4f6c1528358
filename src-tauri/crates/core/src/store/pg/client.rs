//! The store's own connection to PostgreSQL: `tokio-postgres` driven by a
//! runtime of its own, behind blocking calls, as the synchronous `postgres`
//! crate does, with one thing that crate cannot do: send several requests
//! before the first answer comes back (pipelining). A screen's independent
//! statements then cost one wait on the network instead of one each, and
//! a read's `BEGIN` travels with its first statement (see
//! [`crate::store::sql::PgDb`]). The server still runs them one after the
//! other, in the order sent.

use std::future::Future;

use bytes::Bytes;
use futures_util::{FutureExt, SinkExt};
use postgres::types::{ToSql, Type};
use postgres::{Error, Row, SimpleQueryMessage, Statement};
use tokio::runtime::Runtime;
use tokio_postgres::{NoTls, ToStatement};

use crate::error::{CoreError, CoreResult};

/// One connection. Blocking calls; not to be used from inside an async
/// runtime (the server calls the store from its blocking threads).
///
/// Dropped, it closes the socket: the server ends the session quietly
/// (a read's `COMMIT` has already gone out, see [`Self::send_only`]).
pub struct PgClient {
    client: tokio_postgres::Client,
    /// Runs the connection's task, which reads and writes the socket,
    /// whenever a call waits.
    runtime: Runtime,
}

type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

impl PgClient {
    pub fn connect(config: &postgres::Config) -> CoreResult<Self> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| CoreError::Storage(format!("starting the database client: {e}")))?;
        let (client, connection) = runtime.block_on(async_config(config).connect(NoTls))?;
        // How it ended shows as the next call's error ("connection closed").
        runtime.spawn(connection.map(drop));
        Ok(Self { client, runtime })
    }

    fn inner(&self) -> &tokio_postgres::Client {
        &self.client
    }

    /// Waits for `future`, reading and writing the socket meanwhile.
    pub(crate) fn wait<T>(&self, future: impl Future<Output = T>) -> T {
        self.runtime.block_on(future)
    }

    /// The async client, for [`Self::wait`]ing on several requests at once.
    pub(crate) fn pipelined(&self) -> &tokio_postgres::Client {
        self.inner()
    }

    /// Sends `sql` (simple protocol) without waiting for the answer: for
    /// ending a read-only transaction, whose `COMMIT` cannot fail in a way
    /// the reader could act on. The next call on this connection comes
    /// after it, in order, and discards its answer.
    pub(crate) fn send_only(&self, sql: &str) {
        // The first poll writes the request into the connection's queue.
        let _ = self.inner().batch_execute(sql).now_or_never();
        // One turn of the runtime puts it on the socket, so the server ends
        // the transaction now rather than when this connection is next used.
        self.runtime.block_on(tokio::task::yield_now());
    }

    pub fn execute<T>(&self, query: &T, params: Params<'_>) -> Result<u64, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.wait(self.inner().execute(query, params))
    }

    pub fn query<T>(&self, query: &T, params: Params<'_>) -> Result<Vec<Row>, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.wait(self.inner().query(query, params))
    }

    pub fn query_one<T>(&self, query: &T, params: Params<'_>) -> Result<Row, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.wait(self.inner().query_one(query, params))
    }

    pub fn query_opt<T>(&self, query: &T, params: Params<'_>) -> Result<Option<Row>, Error>
    where
        T: ?Sized + ToStatement,
    {
        self.wait(self.inner().query_opt(query, params))
    }

    pub fn prepare(&self, query: &str) -> Result<Statement, Error> {
        self.wait(self.inner().prepare(query))
    }

    pub fn prepare_typed(&self, query: &str, types: &[Type]) -> Result<Statement, Error> {
        self.wait(self.inner().prepare_typed(query, types))
    }

    pub fn batch_execute(&self, query: &str) -> Result<(), Error> {
        self.wait(self.inner().batch_execute(query))
    }

    pub fn simple_query(&self, query: &str) -> Result<Vec<SimpleQueryMessage>, Error> {
        self.wait(self.inner().simple_query(query))
    }

    /// `COPY ... FROM STDIN` with `data` as its whole input; rows copied.
    pub fn copy_in(&self, statement: &str, data: Vec<u8>) -> Result<u64, Error> {
        self.wait(async {
            let sink = self.inner().copy_in(statement).await?;
            futures_util::pin_mut!(sink);
            sink.send(Bytes::from(data)).await?;
            sink.finish().await
        })
    }

    /// Whether the connection has closed (the server went away).
    pub fn is_closed(&self) -> bool {
        self.inner().is_closed()
    }
}

/// How the planner prices reading a page at random against reading the
/// next one, for every session of the store. PostgreSQL's default (4) is
/// for spinning disks with little cached; a borough's store is small (the
/// ten-year borough's SQLite file is 269 MB) and is read from the server's
/// memory or an SSD, where PostgreSQL's documentation advises a value near
/// one. At 4 the tracker read all ten years of meetings to join one
/// agency's 58 open actions; at 1.1 it looks each meeting up by its key
/// (`pgbench`, on the ten-year borough: 0.52 to 0.41 ms). The agenda, the
/// searches and an edit measured the same either way.
///
/// And every statement runs on its generic plan (the plan for any values),
/// made once per session: the store prepares each statement once per
/// connection, but by default PostgreSQL goes on planning a prepared
/// statement for each run's values whenever it estimates the generic plan
/// dearer than those. It did so for the search by name without accents:
/// 0.23 ms planning for 0.09 ms running, at every search
/// (`pg_stat_statements` on the ten-year borough); on its generic plan it
/// runs in 0.05-0.06 ms. A deployer's own `options` come after, so theirs win.
const PLANNER_SETTINGS: &str = "-c random_page_cost=1.1 -c plan_cache_mode=force_generic_plan";

/// The same settings for `tokio-postgres`: the `postgres` crate keeps its
/// own copy private, and callers (the server's command line, the tests'
/// scratch databases) hand the store a `postgres::Config`.
fn async_config(config: &postgres::Config) -> tokio_postgres::Config {
    let mut to = tokio_postgres::Config::new();
    if let Some(user) = config.get_user() {
        to.user(user);
    }
    if let Some(password) = config.get_password() {
        to.password(password);
    }
    if let Some(dbname) = config.get_dbname() {
        to.dbname(dbname);
    }
    match config.get_options() {
        Some(options) => to.options(format!("{PLANNER_SETTINGS} {options}")),
        None => to.options(PLANNER_SETTINGS),
    };
    if let Some(name) = config.get_application_name() {
        to.application_name(name);
    }
    for host in config.get_hosts() {
        match host {
            postgres::config::Host::Tcp(name) => to.host(name),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => to.host_path(path),
        };
    }
    for address in config.get_hostaddrs() {
        to.hostaddr(*address);
    }
    for port in config.get_ports() {
        to.port(*port);
    }
    if let Some(timeout) = config.get_connect_timeout() {
        to.connect_timeout(*timeout);
    }
    to.ssl_mode(config.get_ssl_mode())
        .keepalives(config.get_keepalives())
        .keepalives_idle(config.get_keepalives_idle())
        .target_session_attrs(config.get_target_session_attrs())
        .channel_binding(config.get_channel_binding());
    to
}
