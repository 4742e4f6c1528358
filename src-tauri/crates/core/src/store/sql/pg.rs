//! [`Db`] on PostgreSQL: one transaction, statements prepared once per
//! connection and kept by the store, parameters renumbered (`?1` to `$1`)
//! and converted to the column's own type (a [`Value::Text`] id into a
//! `uuid` column, an instant into `timestamptz`), rows read from the
//! engine's types back into [`Value`]s.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::error::Error;

use bytes::BytesMut;
use chrono::{DateTime, NaiveDate, Utc};
use postgres::types::{IsNull, Kind, ToSql, Type, to_sql_checked};
use postgres::{Client, Row, Statement};
use uuid::Uuid;

use super::placeholders::numbered_for_postgres;
use super::{Db, Dialect, ToValue, Value, Values};
use crate::error::{CoreError, CoreResult};

type BoxError = Box<dyn Error + Sync + Send>;

/// Prepared statements by their SQL, for one connection, and how many round
/// trips the connection has made through [`PgDb`].
#[derive(Default)]
pub struct Statements {
    prepared: RefCell<HashMap<String, Statement>>,
    round_trips: Cell<u64>,
}

impl Statements {
    /// Round trips to the server so far (`BEGIN`, each statement, its
    /// preparing the first time, `COMMIT`): on PostgreSQL each costs a
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

/// One open transaction on a connection. The store opens it with its first
/// round trip (`BEGIN` and, for a write, who is writing, sent together), so
/// this holds the client itself rather than the driver's own transaction,
/// which would spend a round trip on `BEGIN` alone. Dropped without
/// [`PgDb::commit`] (an error, a panic), it rolls back.
pub struct PgDb<'a> {
    client: RefCell<&'a mut Client>,
    statements: &'a Statements,
    open: Cell<bool>,
    /// Outside a transaction: at most one statement may run (see
    /// [`PgDb::alone`]); counts them.
    alone: Option<Cell<u32>>,
}

impl<'a> PgDb<'a> {
    /// Begins a transaction with `begin`: one round trip, however many
    /// statements it holds (the simple query protocol).
    pub(crate) fn begin(
        client: &'a mut Client,
        statements: &'a Statements,
        begin: &str,
    ) -> CoreResult<Self> {
        statements.trip();
        client.batch_execute(begin)?;
        Ok(Self {
            client: RefCell::new(client),
            statements,
            open: Cell::new(true),
            alone: None,
        })
    }

    /// For work that runs exactly one statement: no transaction, since one
    /// statement already sees one moment, so `BEGIN` and `COMMIT` (two
    /// round trips, more than the statement itself on a small read) are
    /// saved. A second statement is refused: it could see another moment.
    pub(crate) fn alone(client: &'a mut Client, statements: &'a Statements) -> Self {
        Self {
            client: RefCell::new(client),
            statements,
            open: Cell::new(false),
            alone: Some(Cell::new(0)),
        }
    }

    /// Statements inside a transaction begun and ended by someone else (a
    /// server's request, see `PgStore::begin_request`): no `BEGIN`, no
    /// `COMMIT`, and no rollback when dropped (the request's end decides).
    pub(crate) fn within(client: &'a mut Client, statements: &'a Statements) -> Self {
        Self {
            client: RefCell::new(client),
            statements,
            open: Cell::new(false),
            alone: None,
        }
    }

    /// Refuses a second statement outside a transaction (a store bug, never
    /// the user's: the caller promised one statement).
    fn one_more(&self) -> CoreResult<()> {
        if let Some(count) = &self.alone {
            if count.get() > 0 {
                return Err(CoreError::Storage(
                    "A read promised as one statement ran a second.".into(),
                ));
            }
            count.set(1);
        }
        Ok(())
    }

    pub(crate) fn commit(self) -> CoreResult<()> {
        self.open.set(false);
        self.statements.trip();
        self.client.borrow_mut().batch_execute("COMMIT")?;
        Ok(())
    }

    fn statement(&self, sql: &str) -> CoreResult<Statement> {
        if let Some(prepared) = self.statements.prepared.borrow().get(sql) {
            return Ok(prepared.clone());
        }
        self.statements.trip();
        let (numbered, unused) = numbered_for_postgres(sql);
        let prepared = if unused.is_empty() {
            self.client.borrow_mut().prepare(&numbered)?
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
            self.client.borrow_mut().prepare_typed(&numbered, &types)?
        };
        self.statements
            .prepared
            .borrow_mut()
            .insert(sql.to_owned(), prepared.clone());
        Ok(prepared)
    }
}

impl Drop for PgDb<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            // Nothing more can be done if the connection is gone: the
            // server rolls back a transaction whose connection closes.
            self.statements.trip();
            let _ = self.client.get_mut().batch_execute("ROLLBACK");
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
        self.one_more()?;
        let statement = self.statement(sql)?;
        let values = bind(params);
        self.statements.trip();
        let changed = self
            .client
            .borrow_mut()
            .execute(&statement, &refs(&values))?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    fn query(&self, sql: &str, params: &[&dyn ToValue]) -> CoreResult<Vec<Values>> {
        self.one_more()?;
        let statement = self.statement(sql)?;
        let values = bind(params);
        self.statements.trip();
        let rows = self.client.borrow_mut().query(&statement, &refs(&values))?;
        rows.iter().map(values_of).collect()
    }
}

fn values_of(row: &Row) -> CoreResult<Values> {
    let mut values = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        values.push(value_at(row, i, column.type_())?);
    }
    Ok(Values(values))
}

fn value_at(row: &Row, i: usize, ty: &Type) -> CoreResult<Value> {
    fn or_null<T>(v: Option<T>, f: impl FnOnce(T) -> Value) -> Value {
        v.map_or(Value::Null, f)
    }
    Ok(match *ty {
        Type::BOOL => or_null(row.try_get(i)?, Value::Bool),
        Type::INT2 => or_null(row.try_get::<_, Option<i16>>(i)?, |n| Value::Int(n.into())),
        Type::INT4 => or_null(row.try_get::<_, Option<i32>>(i)?, |n| Value::Int(n.into())),
        Type::INT8 => or_null(row.try_get(i)?, Value::Int),
        Type::FLOAT4 => or_null(row.try_get::<_, Option<f32>>(i)?, |x| Value::Real(x.into())),
        Type::FLOAT8 => or_null(row.try_get(i)?, Value::Real),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            or_null(row.try_get(i)?, Value::Text)
        }
        Type::UUID => or_null(row.try_get(i)?, Value::Id),
        Type::DATE => or_null(row.try_get(i)?, Value::Date),
        Type::TIMESTAMPTZ => or_null(row.try_get(i)?, Value::Instant),
        Type::JSON | Type::JSONB => {
            or_null(row.try_get::<_, Option<serde_json::Value>>(i)?, |json| {
                Value::Text(json.to_string())
            })
        }
        ref other => {
            return Err(CoreError::Storage(format!(
                "a query returned a {other} column, which Roundtable does not read \
                 (cast it in the query)"
            )));
        }
    })
}

fn mismatch(value: &Value, ty: &Type) -> BoxError {
    format!("cannot store {value:?} in a {ty} column").into()
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let text_column = matches!(*ty, Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME);
        match self {
            Self::Null => Ok(IsNull::Yes),
            Self::Int(n) => match *ty {
                Type::INT8 => n.to_sql(ty, out),
                Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*n)?.to_sql(ty, out),
                Type::BOOL => (*n != 0).to_sql(ty, out),
                // Whole numbers given as reals are exact up to 2^53.
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (*n as f64).to_sql(ty, out),
                _ if text_column => n.to_string().to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
            Self::Real(x) => match *ty {
                Type::FLOAT8 => x.to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
            Self::Bool(b) => match *ty {
                Type::BOOL => b.to_sql(ty, out),
                Type::INT8 => i64::from(*b).to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
            Self::Id(id) if *ty == Type::UUID => id.to_sql(ty, out),
            Self::Date(date) if *ty == Type::DATE => date.to_sql(ty, out),
            Self::Instant(at) if *ty == Type::TIMESTAMPTZ => at.to_sql(ty, out),
            Self::Text(text) => text_to_sql(text, ty, out, text_column),
            other => match other.as_text() {
                Some(text) if text_column => text.to_sql(ty, out),
                _ => Err(mismatch(self, ty)),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// Text given for a typed column is what SQLite keeps: parsed here.
///
/// PostgreSQL's text cannot hold a NUL character. The core refuses control
/// characters in everything it stores, so a NUL arrives here only in a
/// lookup of raw input (is this name taken? a search), which must find
/// nothing rather than fail: it is sent as U+FFFD, which no stored value
/// matches.
fn text_to_sql(
    text: &str,
    ty: &Type,
    out: &mut BytesMut,
    text_column: bool,
) -> Result<IsNull, BoxError> {
    match *ty {
        _ if text_column && text.contains('\0') => text.replace('\0', "\u{FFFD}").to_sql(ty, out),
        _ if text_column => text.to_sql(ty, out),
        Type::UUID => Uuid::parse_str(text)?.to_sql(ty, out),
        Type::DATE => NaiveDate::parse_from_str(text, "%Y-%m-%d")?.to_sql(ty, out),
        Type::TIMESTAMPTZ => DateTime::parse_from_rfc3339(text)?
            .with_timezone(&Utc)
            .to_sql(ty, out),
        Type::JSON | Type::JSONB => {
            serde_json::from_str::<serde_json::Value>(text)?.to_sql(ty, out)
        }
        Type::INT8 => text.parse::<i64>()?.to_sql(ty, out),
        _ => Err(format!("cannot store text in a {ty} column").into()),
    }
}
