//! Reads gathered to be sent together: a screen's independent queries (none
//! needs another's answer) added one by one, run by [`Db::query_all`] (on
//! PostgreSQL one wait on the network for all of them), and each one's rows
//! taken back by the ticket its adding gave. An edit may go first
//! ([`Batch::write`]): the change and the reads of its result, one wait.

use std::borrow::Cow;

use super::{Db, ToValue, Value, Values};
use crate::error::{CoreError, CoreResult};

#[derive(Default)]
pub struct Batch {
    // Most statements are constants: kept as given, not copied per read.
    queries: Vec<(Cow<'static, str>, Vec<Value>)>,
}

/// Which query of a [`Batch`] an answer belongs to.
#[must_use]
pub struct Ticket(usize);

/// A query of a [`Batch`] whose rows are read as `T`s by `map`.
#[must_use]
pub struct Rows<T> {
    ticket: Ticket,
    map: fn(&Values) -> CoreResult<T>,
}

/// The rows of each query of a [`Batch`], each taken once.
pub struct Answers(Vec<Option<Vec<Values>>>);

impl Batch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, sql: impl Into<Cow<'static, str>>, params: &[&dyn ToValue]) -> Ticket {
        let values = params.iter().map(|p| p.to_value()).collect();
        self.queries.push((sql.into(), values));
        Ticket(self.queries.len() - 1)
    }

    /// Adds a change whose answer no one reads: run in order with the
    /// rest, so the queries added after it see it. If it fails, the batch
    /// fails with its error (PostgreSQL refuses the rest of the transaction,
    /// and the first error is the one returned).
    pub fn write(&mut self, sql: impl Into<Cow<'static, str>>, params: &[&dyn ToValue]) {
        let _written = self.add(sql, params);
    }

    /// Adds a query whose rows [`Answers::rows`] gives back as `T`s.
    pub fn rows<T>(
        &mut self,
        sql: impl Into<Cow<'static, str>>,
        params: &[&dyn ToValue],
        map: fn(&Values) -> CoreResult<T>,
    ) -> Rows<T> {
        Rows {
            ticket: self.add(sql, params),
            map,
        }
    }

    pub fn run(self, db: &dyn Db) -> CoreResult<Answers> {
        self.send(db, false)
    }

    /// Runs the batch as a write's last statements: on PostgreSQL with the
    /// transaction's `COMMIT`, in the same wait ([`Db::query_all_last`]).
    /// Nothing may run in the transaction after it.
    pub fn run_last(self, db: &dyn Db) -> CoreResult<Answers> {
        self.send(db, true)
    }

    fn send(self, db: &dyn Db, last: bool) -> CoreResult<Answers> {
        let params: Vec<Vec<&dyn ToValue>> = self
            .queries
            .iter()
            .map(|(_, values)| values.iter().map(|v| v as &dyn ToValue).collect())
            .collect();
        let queries: Vec<(&str, &[&dyn ToValue])> = self
            .queries
            .iter()
            .zip(&params)
            .map(|((sql, _), params)| (sql.as_ref(), params.as_slice()))
            .collect();
        let answers = if last {
            db.query_all_last(&queries)?
        } else {
            db.query_all(&queries)?
        };
        Ok(Answers(answers.into_iter().map(Some).collect()))
    }
}

/// One query's rows, read alone: for the table functions that also offer
/// their query to a batch (`..._in`), so it is written once.
pub fn alone<T>(db: &dyn Db, add: impl FnOnce(&mut Batch) -> Rows<T>) -> CoreResult<Vec<T>> {
    let mut batch = Batch::new();
    let rows = add(&mut batch);
    batch.run(db)?.rows(rows)
}

impl Answers {
    /// The rows of the query `ticket` was given for.
    pub fn take(&mut self, ticket: Ticket) -> CoreResult<Vec<Values>> {
        self.0
            .get_mut(ticket.0)
            .and_then(Option::take)
            .ok_or_else(|| CoreError::Storage("a batch's answer was taken twice".into()))
    }

    /// The rows of a query added by [`Batch::rows`], read.
    pub fn rows<T>(&mut self, rows: Rows<T>) -> CoreResult<Vec<T>> {
        self.take(rows.ticket)?.iter().map(rows.map).collect()
    }
}
