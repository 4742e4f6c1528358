//! Values between the store's [`Value`] and PostgreSQL's own types: a
//! [`Value::Text`] id into a `uuid` column, an instant into `timestamptz`,
//! and rows read back from the engine's types.

use std::error::Error;

use bytes::BytesMut;
use chrono::{DateTime, NaiveDate, Utc};
use postgres::Row;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
use uuid::Uuid;

use super::{Value, Values};
use crate::error::{CoreError, CoreResult};

type BoxError = Box<dyn Error + Sync + Send>;

pub(super) fn values_of(row: &Row) -> CoreResult<Values> {
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
