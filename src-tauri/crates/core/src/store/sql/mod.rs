//! The store boundary: [`Db`] is what `tables/` writes its SQL against, on
//! either engine. A statement is written once, with numbered parameters
//! (`?1`, `?2`, ...) in the SQL both engines share; where the engines'
//! dialects differ, `tables/` asks [`Db::dialect`] and says both.
//!
//! PostgreSQL infers a parameter's type where it first appears, so an
//! optional filter names its column first: `(c.status = ?2 OR ?2 IS NULL)`,
//! never `(?2 IS NULL OR ...)`.
//!
//! Rows come back as owned [`Values`], read with typed getters: a row is
//! never held open while another statement runs, so code may query inside
//! a loop over results on either engine.

mod batch;
mod pg;
mod pg_values;
mod placeholders;
mod sqlite;
mod value;

pub use batch::{Answers, Batch, Rows, Ticket, alone};
pub(crate) use pg::literal;
pub use pg::{PgDb, Statements};
#[cfg(feature = "test-support")]
pub(crate) use placeholders::numbered_for_postgres;
pub use value::{FromValue, ToValue, Value};

use crate::error::{CoreError, CoreResult};

/// Which engine a statement runs on, for the few statements that differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// `sqlite` on SQLite, `postgres` on PostgreSQL.
    pub fn pick<'s>(self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self {
            Dialect::Sqlite => sqlite,
            Dialect::Postgres => postgres,
        }
    }
}

/// One open connection or transaction, on either engine.
pub trait Db {
    fn dialect(&self) -> Dialect;
    /// Runs a statement; returns how many rows it changed.
    fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<usize>;
    /// Runs a query; returns every row.
    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<Values>>;
    /// Runs queries none of which needs another's answer, in order (each
    /// sees the changes of those before it), and returns each one's rows.
    /// PostgreSQL gets them all before it answers the first (one wait on
    /// the network, not one each); SQLite, in the same process, runs them
    /// one by one.
    fn query_all(&self, queries: &[(&str, &[&dyn ToValue])]) -> CoreResult<Vec<Vec<Values>>> {
        queries
            .iter()
            .map(|(sql, params)| self.query(sql, params))
            .collect()
    }
    /// [`Db::query_all`] for a write transaction's last statements: on
    /// PostgreSQL its `COMMIT` goes in the same flight (an edit, the read
    /// of its result and its commit, one wait), and nothing may run after
    /// them. SQLite commits when the work returns, as always.
    fn query_all_last(&self, queries: &[(&str, &[&dyn ToValue])]) -> CoreResult<Vec<Vec<Values>>> {
        self.query_all(queries)
    }
}

/// One row's values, in the order the query selected them.
#[derive(Debug, Clone, PartialEq)]
pub struct Values(pub(crate) Vec<Value>);

impl Values {
    /// The column at `index`, read as `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> CoreResult<T> {
        match self.0.get(index) {
            Some(value) => T::from_value(value),
            None => Err(CoreError::Storage(format!("a query has no column {index}"))),
        }
    }

    /// The column at `index`, read as `T` and taken out of the row (it
    /// reads as null after): a row turned into fields one by one moves its
    /// text instead of copying it.
    pub fn take<T: FromValue>(&mut self, index: usize) -> CoreResult<T> {
        match self.0.get_mut(index) {
            Some(value) => T::from_owned(std::mem::replace(value, Value::Null)),
            None => Err(CoreError::Storage(format!("a query has no column {index}"))),
        }
    }

    /// How many columns the row has.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The column at `index` written out as text, whatever its type (for
    /// checks and listings that compare values, not for reading fields).
    pub fn text(&self, index: usize) -> Option<String> {
        match self.0.get(index)? {
            Value::Int(n) => Some(n.to_string()),
            Value::Real(x) => Some(x.to_string()),
            Value::Bool(b) => Some(u8::from(*b).to_string()),
            other => other.as_text(),
        }
    }
}

impl dyn Db + '_ {
    /// Every row, each made into a `T` by `map`.
    pub fn rows<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        map: impl FnMut(&Values) -> CoreResult<T>,
    ) -> CoreResult<Vec<T>> {
        self.query(sql, params)?.iter().map(map).collect()
    }

    /// The first row, if any, made into a `T` by `map`.
    pub fn row<T>(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        map: impl FnOnce(&Values) -> CoreResult<T>,
    ) -> CoreResult<Option<T>> {
        self.query(sql, params)?.first().map(map).transpose()
    }

    /// The first row, if any, as it came.
    pub fn first(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Option<Values>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first column of the first row, if there is a row.
    pub fn value<T: FromValue>(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Option<T>> {
        self.row(sql, params, |r| r.get(0))
    }

    /// The first column of every row.
    pub fn column<T: FromValue>(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<T>> {
        self.rows(sql, params, |r| r.get(0))
    }

    /// Whether the query finds any row.
    pub fn any(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<bool> {
        Ok(!self.query(sql, params)?.is_empty())
    }

    /// `column` as a sort key that ignores case: SQLite's NOCASE collation
    /// (which its indexes use), PostgreSQL's `lower`.
    pub fn ignoring_case(&self, column: &str) -> String {
        match self.dialect() {
            Dialect::Sqlite => format!("{column} COLLATE NOCASE"),
            Dialect::Postgres => format!("lower({column})"),
        }
    }

    /// `sqlite` on SQLite, `postgres` on PostgreSQL: for the few statements
    /// whose dialects differ (case-insensitive comparison, dates, upserts).
    pub fn pick<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        self.dialect().pick(sqlite, postgres)
    }
}
