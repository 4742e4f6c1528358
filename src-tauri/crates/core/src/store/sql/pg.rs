//! [`Db`] on PostgreSQL: one transaction, statements prepared once per
//! connection and kept by the store, parameters renumbered (`?1` to `$1`),
//! independent statements sent together (see [`Db::query_all`]); values
//! converted to and from the engine's types in `pg_values`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use futures_util::FutureExt;
use postgres::Statement;
use postgres::types::{Kind, ToSql, Type};

use super::pg_values::values_of;
use super::placeholders::numbered_for_postgres;
use super::{Db, Dialect, ToValue, Value, Values};
use crate::error::{CoreError, CoreResult};
use crate::store::pg::PgClient;

/// Prepared statements by their SQL, for one connection, and how many round
/// trips the connection has made through [`PgDb`].
#[derive(Default)]
pub struct Statements {
    prepared: RefCell<HashMap<String, Statement>>,
    round_trips: Cell<u64>,
}

impl Statements {
    /// Round trips to the server so far (each flight of statements, with
    /// the `BEGIN` that goes out with the first; a statement's preparing
    /// the first time; a write's `COMMIT`): on PostgreSQL each costs a
    /// wait on the network and the server's wake-up, which SQLite, in the
    /// same process, never pays. The scale benchmark prints them per
    /// operation, a count that does not move with the machine's load.
    pub fn round_trips(&self) -> u64 {
        self.round_trips.get()
    }

    fn trip(&self) {
        self.round_trips.set(self.round_trips.get() + 1);
    }

    /// The SQL of every statement prepared so far.
    #[cfg(feature = "test-support")]
    pub(crate) fn sql(&self) -> Vec<String> {
        self.prepared.borrow().keys().cloned().collect()
    }
}

/// One open transaction on a connection, or one statement outside any.
///
/// `BEGIN` (with, for a write, who is writing) is not sent on its own: it
/// waits and goes out with the first statement, in the same flight
/// (pipelined), so a read of one statement waits on the network once. A
/// read-only transaction's `COMMIT` is sent without waiting for its answer
/// (see [`PgClient::send_only`]); a write's is waited for, since the edit
/// is kept only when it returns. Dropped without [`PgDb::commit`] (an
/// error, a panic), it rolls back.
pub struct PgDb<'a> {
    client: &'a PgClient,
    statements: &'a Statements,
    /// `BEGIN ...` not yet sent: it goes with the next statement.
    begin: RefCell<Option<String>>,
    open: Cell<bool>,
    /// Its `COMMIT` went with its last statements ([`Db::query_all_last`]).
    committed: Cell<bool>,
    read_only: bool,
    /// Outside a transaction: at most one statement may run (see
    /// [`PgDb::alone`]); counts them.
    alone: Option<Cell<u32>>,
}

impl<'a> PgDb<'a> {
    /// A transaction that `begin` opens (simple protocol: it may hold
    /// several statements), sent with the first statement run in it.
    pub(crate) fn begin(
        client: &'a PgClient,
        statements: &'a Statements,
        begin: &str,
        read_only: bool,
    ) -> Self {
        Self {
            client,
            statements,
            begin: RefCell::new(Some(begin.to_owned())),
            open: Cell::new(true),
            committed: Cell::new(false),
            read_only,
            alone: None,
        }
    }

    /// For work that runs exactly one statement: no transaction, since one
    /// statement already sees one moment. A second statement is refused: it
    /// could see another moment.
    pub(crate) fn alone(client: &'a PgClient, statements: &'a Statements) -> Self {
        let mut db = Self::within(client, statements);
        db.alone = Some(Cell::new(0));
        db
    }

    /// Statements inside a transaction begun and ended by someone else (a
    /// server's request, see `PgStore::begin_request`): no `BEGIN`, no
    /// `COMMIT`, and no rollback when dropped (the request's end decides).
    pub(crate) fn within(client: &'a PgClient, statements: &'a Statements) -> Self {
        Self {
            client,
            statements,
            begin: RefCell::new(None),
            open: Cell::new(false),
            committed: Cell::new(false),
            read_only: false,
            alone: None,
        }
    }

    /// Refuses more statements than promised outside a transaction (a
    /// store bug, never the user's: the caller promised one statement).
    fn count(&self, more: usize) -> CoreResult<()> {
        if let Some(count) = &self.alone {
            let total = count
                .get()
                .saturating_add(u32::try_from(more).unwrap_or(u32::MAX));
            if total > 1 {
                return Err(CoreError::Storage(
                    "A read promised as one statement ran a second.".into(),
                ));
            }
            count.set(total);
        }
        Ok(())
    }

    pub(crate) fn commit(self) -> CoreResult<()> {
        self.open.set(false);
        if self.committed.get() {
            return Ok(());
        }
        if self.begin.borrow().is_some() {
            // Nothing was run: no transaction was opened to end.
            return Ok(());
        }
        if self.read_only {
            self.client.send_only("COMMIT");
            return Ok(());
        }
        self.statements.trip();
        self.client.batch_execute("COMMIT")?;
        Ok(())
    }

    fn statement(&self, sql: &str) -> CoreResult<Statement> {
        if let Some(prepared) = self.statements.prepared.borrow().get(sql) {
            return Ok(prepared.clone());
        }
        self.statements.trip();
        let (numbered, unused) = numbered_for_postgres(sql);
        let prepared = if unused.is_empty() {
            self.client.prepare(&numbered)?
        } else {
            // Left to PostgreSQL to infer (type 0), but the unused: text.
            let infer = Type::new("unspecified".into(), 0, Kind::Pseudo, "pg_catalog".into());
            let highest = unused.iter().max().copied().unwrap_or(0);
            let types: Vec<Type> = (1..=highest)
                .map(|n| {
                    if unused.contains(&n) {
                        Type::TEXT
                    } else {
                        infer.clone()
                    }
                })
                .collect();
            self.client.prepare_typed(&numbered, &types)?
        };
        self.statements
            .prepared
            .borrow_mut()
            .insert(sql.to_owned(), prepared.clone());
        Ok(prepared)
    }

    /// Waits for `work`, sent after the `BEGIN` still to go if there is
    /// one, in the same flight: one round trip.
    fn send<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, postgres::Error>>,
    ) -> CoreResult<T> {
        if self.committed.get() {
            return Err(CoreError::Storage(
                "A statement came after its transaction's last ones.".into(),
            ));
        }
        let begin = self.begin.borrow_mut().take();
        self.statements.trip();
        let client = self.client.pipelined();
        let opening = async {
            match &begin {
                Some(sql) => client.batch_execute(sql).await,
                None => Ok(()),
            }
        };
        let (began, done) = self.client.wait(futures_util::future::join(opening, work));
        began?;
        Ok(done?)
    }
}

impl Drop for PgDb<'_> {
    fn drop(&mut self) {
        if self.open.get() && self.begin.get_mut().is_none() {
            // Nothing more can be done if the connection is gone: the
            // server rolls back a transaction whose connection closes.
            self.statements.trip();
            let _ = self.client.batch_execute("ROLLBACK");
        }
    }
}

/// `text` as an SQL string literal, for the one statement the store must
/// write out in full (the writer's name, sent in the same round trip as
/// `BEGIN`). An escape string (`E'...'`) reads the same whatever the
/// session's `standard_conforming_strings`: backslashes and quotes are
/// doubled; a NUL, which PostgreSQL's text cannot hold, becomes U+FFFD.
pub(crate) fn literal(text: &str) -> String {
    let escaped = text
        .replace('\0', "\u{FFFD}")
        .replace('\\', "\\\\")
        .replace('\'', "''");
    format!("E'{escaped}'")
}

fn bind(params: &[&dyn ToValue]) -> Vec<Value> {
    params.iter().map(|p| p.to_value()).collect()
}

fn refs(values: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

impl Db for PgDb<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<usize> {
        self.count(1)?;
        let statement = self.statement(sql)?;
        let values = bind(params);
        let params = refs(&values);
        let client = self.client.pipelined();
        let changed = self.send(client.execute(&statement, &params))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<Values>> {
        let mut all = self.query_all(&[(sql, params)])?;
        Ok(all.pop().unwrap_or_default())
    }

    fn query_all(&self, queries: &[(&str, &[&dyn ToValue])]) -> CoreResult<Vec<Vec<Values>>> {
        self.pipeline(queries, false)
    }

    fn query_all_last(&self, queries: &[(&str, &[&dyn ToValue])]) -> CoreResult<Vec<Vec<Values>>> {
        // Only a transaction this store began and will commit itself; a
        // read's COMMIT is never waited for anyway (see `commit`).
        let commit = self.open.get() && !self.read_only;
        self.pipeline(queries, commit)
    }
}

impl PgDb<'_> {
    /// Sends `queries` together, then, if `commit`, the transaction's
    /// `COMMIT`. Should a query fail, the server has refused the rest of the
    /// transaction and its `COMMIT` rolls it back: nothing is kept, and the
    /// query's error is the one returned.
    fn pipeline(
        &self,
        queries: &[(&str, &[&dyn ToValue])],
        commit: bool,
    ) -> CoreResult<Vec<Vec<Values>>> {
        self.count(queries.len())?;
        let statements = queries
            .iter()
            .map(|(sql, _)| self.statement(sql))
            .collect::<CoreResult<Vec<_>>>()?;
        let values: Vec<Vec<Value>> = queries.iter().map(|(_, p)| bind(p)).collect();
        let params: Vec<_> = values.iter().map(|v| refs(v)).collect();
        let client = self.client.pipelined();
        // Each answer is read into values as soon as it is whole, while the
        // server runs the statements after it, rather than all of them once
        // the last has come (the agenda's rows while its keep-apart names
        // are looked up).
        let sent = statements.iter().zip(&params).map(|(statement, params)| {
            client.query(statement, params).map(|rows| {
                rows.map(|rows| rows.iter().map(values_of).collect::<CoreResult<Vec<_>>>())
            })
        });
        let ending = async {
            if commit {
                client.batch_execute("COMMIT").await
            } else {
                Ok(())
            }
        };
        let (answers, committed) = self.send(async {
            let (answers, committed) =
                futures_util::future::join(futures_util::future::join_all(sent), ending).await;
            Ok::<_, postgres::Error>((answers, committed))
        })?;
        if commit {
            self.open.set(false);
            self.committed.set(true);
        }
        let answers = answers.into_iter().collect::<Result<Vec<_>, _>>()?;
        committed?;
        answers.into_iter().collect()
    }
}
