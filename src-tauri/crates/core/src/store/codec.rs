//! How values travel to and from the store's columns, in one place: ids as
//! hyphenated text, enums by their stable names. Each type reads and writes
//! itself (`ToSql` / `FromSql`), so no table module formats or parses a
//! column by hand, and a second engine adds its own impls beside these.
//! A value in the file that does not read back is a storage fault, reported
//! as such, never silently replaced.

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use uuid::Uuid;

use crate::error::{CoreError, CoreResult};

use crate::domain::{PanelKind, Sector};

/// Timestamps are stored as RFC 3339 UTC text.
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Dates are stored as ISO 8601 text (`YYYY-MM-DD`), which sorts as dates do.
pub(crate) fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Ids are stored as text; a malformed one in the file is a storage fault.
pub(crate) fn parse_id(text: &str) -> CoreResult<Uuid> {
    Uuid::parse_str(text)
        .map_err(|_| CoreError::Storage(format!("a record has a malformed id ({text})")))
}

/// A record's id as stored: hyphenated lower-case text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredId(pub Uuid);

impl From<Uuid> for StoredId {
    fn from(id: Uuid) -> Self {
        Self(id)
    }
}

impl ToSql for StoredId {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.hyphenated().to_string()))
    }
}

impl FromSql for StoredId {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        Uuid::parse_str(text).map(Self).map_err(|_| {
            FromSqlError::Other(format!("a record has a malformed id ({text})").into())
        })
    }
}

/// Enums stored by their stable names: written with `as_str`, read with
/// `parse`; a name the code does not know is a storage fault.
macro_rules! stored_by_name {
    ($($kind:ty),* $(,)?) => {$(
        impl ToSql for $kind {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $kind {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                <$kind>::parse(text).ok_or_else(|| {
                    FromSqlError::Other(
                        format!("a record has an unknown {} ({text})", stringify!($kind)).into(),
                    )
                })
            }
        }

        impl crate::store::sql::ToValue for $kind {
            fn to_value(&self) -> crate::store::sql::Value {
                crate::store::sql::Value::Text(self.as_str().to_owned())
            }
        }

        impl crate::store::sql::FromValue for $kind {
            fn from_value(value: &crate::store::sql::Value) -> crate::error::CoreResult<Self> {
                let text = <String as crate::store::sql::FromValue>::from_value(value)?;
                <$kind>::parse(&text).ok_or_else(|| {
                    crate::error::CoreError::Storage(format!(
                        "a record has an unknown {} ({text})",
                        stringify!($kind)
                    ))
                })
            }
        }
    )*};
}

stored_by_name!(Sector, PanelKind);

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn ids_and_names_read_back_as_written() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (id TEXT, sector TEXT)")
            .unwrap();
        let id = Uuid::new_v4();
        conn.execute(
            "INSERT INTO t VALUES (?1, ?2)",
            (StoredId(id), Sector::ChildrensSocialCare),
        )
        .unwrap();
        let (text, name): (String, String) = conn
            .query_row("SELECT id, sector FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!(text, id.hyphenated().to_string());
        assert_eq!(name, "childrens_social_care");
        let (back, sector): (StoredId, Sector) = conn
            .query_row("SELECT id, sector FROM t", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((back.0, sector), (id, Sector::ChildrensSocialCare));
    }

    #[test]
    fn a_malformed_value_is_a_fault_not_a_guess() {
        let conn = Connection::open_in_memory().unwrap();
        let id = conn.query_row("SELECT 'not-an-id'", [], |r| r.get::<_, StoredId>(0));
        assert!(id.unwrap_err().to_string().contains("malformed id"));
        let sector = conn.query_row("SELECT 'wizards'", [], |r| r.get::<_, Sector>(0));
        assert!(sector.unwrap_err().to_string().contains("unknown Sector"));
    }
}
