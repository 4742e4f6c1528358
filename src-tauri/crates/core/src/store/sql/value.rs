//! The values that cross the store boundary, whatever the engine: what a
//! statement is given ([`ToValue`]) and what a row gives back ([`FromValue`]).
//!
//! SQLite stores ids, dates and instants as text; PostgreSQL in its own
//! types. Each engine turns a [`Value`] into its own representation (see
//! `sqlite.rs` and `pg.rs`), and reading accepts either form, so the code
//! above the store reads and writes typed values on both.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};
use crate::store::codec::StoredId;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Bool(bool),
    Text(String),
    Id(Uuid),
    Date(NaiveDate),
    Instant(DateTime<Utc>),
}

impl Value {
    /// The text form SQLite keeps (and PostgreSQL's text columns receive).
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            Self::Text(text) => Some(text.clone()),
            Self::Id(id) => Some(id.hyphenated().to_string()),
            Self::Date(date) => Some(date.format("%Y-%m-%d").to_string()),
            Self::Instant(at) => Some(at.to_rfc3339_opts(SecondsFormat::Millis, true)),
            Self::Null | Self::Int(_) | Self::Real(_) | Self::Bool(_) => None,
        }
    }
}

/// What a statement parameter can be.
pub trait ToValue {
    fn to_value(&self) -> Value;
}

/// What a column can be read as.
pub trait FromValue: Sized {
    /// Borrows the value: only text is copied, once, as any read copies it.
    fn from_value(value: &Value) -> CoreResult<Self>;

    /// The same, from a value the reader no longer needs: text is moved,
    /// not copied ([`super::Values::take`]).
    fn from_owned(value: Value) -> CoreResult<Self> {
        Self::from_value(&value)
    }
}

fn unexpected<T>(wanted: &str, found: &Value) -> CoreResult<T> {
    Err(CoreError::Storage(format!(
        "a stored value is not {wanted} ({found:?})"
    )))
}

macro_rules! to_value {
    ($($t:ty => |$v:ident| $e:expr),* $(,)?) => {
        $(impl ToValue for $t {
            fn to_value(&self) -> Value {
                let $v = self;
                $e
            }
        })*
    };
}

to_value! {
    Value => |v| v.clone(),
    i64 => |v| Value::Int(*v),
    i32 => |v| Value::Int(i64::from(*v)),
    u32 => |v| Value::Int(i64::from(*v)),
    bool => |v| Value::Bool(*v),
    str => |v| Value::Text(v.to_owned()),
    String => |v| Value::Text(v.clone()),
    Uuid => |v| Value::Id(*v),
    StoredId => |v| Value::Id(v.0),
    NaiveDate => |v| Value::Date(*v),
    DateTime<Utc> => |v| Value::Instant(*v),
}

impl ToValue for usize {
    fn to_value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Null => Ok(None),
            other => T::from_value(other).map(Some),
        }
    }

    fn from_owned(value: Value) -> CoreResult<Self> {
        match value {
            Value::Null => Ok(None),
            other => T::from_owned(other).map(Some),
        }
    }
}

impl FromValue for Value {
    fn from_value(value: &Value) -> CoreResult<Self> {
        Ok(value.clone())
    }
}

impl FromValue for i64 {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Int(n) => Ok(*n),
            Value::Bool(b) => Ok(i64::from(*b)),
            other => unexpected("a whole number", other),
        }
    }
}

impl FromValue for u32 {
    fn from_value(value: &Value) -> CoreResult<Self> {
        let n = i64::from_value(value)?;
        u32::try_from(n).or_else(|_| unexpected("a count", &Value::Int(n)))
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Real(x) => Ok(*x),
            // Whole numbers read as reals are exact up to 2^53.
            #[allow(clippy::cast_precision_loss)]
            Value::Int(n) => Ok(*n as f64),
            other => unexpected("a number", other),
        }
    }
}

impl FromValue for bool {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            Value::Int(n) => Ok(*n != 0),
            other => unexpected("yes or no", other),
        }
    }
}

impl FromValue for String {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value.as_text() {
            Some(text) => Ok(text),
            None => unexpected("text", value),
        }
    }

    fn from_owned(value: Value) -> CoreResult<Self> {
        match value {
            Value::Text(text) => Ok(text),
            other => Self::from_value(&other),
        }
    }
}

impl FromValue for Uuid {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Id(id) => Ok(*id),
            Value::Text(text) => match Uuid::parse_str(text) {
                Ok(id) => Ok(id),
                Err(_) => unexpected("an id", value),
            },
            other => unexpected("an id", other),
        }
    }
}

impl FromValue for NaiveDate {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Date(date) => Ok(*date),
            Value::Text(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(date) => Ok(date),
                Err(_) => unexpected("a date", value),
            },
            other => unexpected("a date", other),
        }
    }
}

impl FromValue for DateTime<Utc> {
    fn from_value(value: &Value) -> CoreResult<Self> {
        match value {
            Value::Instant(at) => Ok(*at),
            Value::Text(text) => match DateTime::parse_from_rfc3339(text) {
                Ok(at) => Ok(at.with_timezone(&Utc)),
                Err(_) => unexpected("a time", value),
            },
            other => unexpected("a time", other),
        }
    }
}
