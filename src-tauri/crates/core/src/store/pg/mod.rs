//! The shared store on PostgreSQL: what a borough's server runs on, while the
//! desktop app keeps its encrypted SQLite file (issue 16: one core, two
//! engines).
//!
//! [`PgStore::connect`] is the only way in, as [`crate::Store::open`] is for
//! SQLite: it refuses a schema newer than this build knows, then brings the
//! schema up to date under a lock, so two servers starting together do not
//! both migrate. Every write is one transaction that names who is acting
//! (`roundtable.actor`); the database's own triggers write the audit log and
//! seal it at commit (see `migrations/postgres/V6__safety.sql`).

mod backup;
mod client;
#[cfg(test)]
mod pipeline_tests;
mod request;
#[cfg(any(test, feature = "test-support"))]
pub mod scratch;
#[cfg(test)]
mod tests;

use postgres::{Client, NoTls};

pub use client::PgClient;

use crate::audit::{AuditAnchor, AuditVerification, Row};
use crate::error::{CoreError, CoreResult};
use crate::store::sql::{Db, PgDb, Statements, literal};

pub use request::RequestKind;

/// What `roundtable.agency` holds for the panel's own staff.
const STAFF: &str = "staff";

mod embedded {
    refinery::embed_migrations!("src/store/migrations/postgres");
}

/// Where refinery records the versions it applied (SQLite keeps the version
/// in its `user_version` header instead).
pub const HISTORY_TABLE: &str = "schema_history";

/// Held while migrating: one migrator at a time across processes.
const MIGRATION_LOCK: i64 = 0x5254_4d49_4752_4154; // "RTMIGRAT"

pub struct PgStore {
    client: PgClient,
    /// Where it is: `pg_dump` and `pg_restore` are pointed at the same place.
    config: postgres::Config,
    statements: Statements,
    /// Who is making changes: recorded by the audit log at each write.
    actor: String,
    /// From where (a browser's address, on the server): recorded beside the
    /// actor in the audit log, never in the records' own "updated by".
    origin: String,
    /// Whom this connection works for ("staff" for the panel's own, an
    /// agency's id, "" for no one): row-level security (migrations 16-18)
    /// decides every row from it, and shows no one nothing.
    agency: String,
    /// The transaction of a server's request, while one is open: reads and
    /// writes run inside it (see [`request`]).
    request: Option<request::Request>,
}

impl PgStore {
    /// Connects, refuses a newer schema, and migrates to this build's.
    /// Migrations run on a connection of their own (refinery drives the
    /// synchronous client), closed before the store's opens.
    pub fn connect(config: &postgres::Config) -> CoreResult<Self> {
        let client = PgClient::connect(config)?;
        let mut migrator = config.connect(NoTls)?;
        migrator.execute("SELECT pg_advisory_lock($1)", &[&MIGRATION_LOCK])?;
        let migrated = Self::migrate(&client, &mut migrator);
        migrator.execute("SELECT pg_advisory_unlock($1)", &[&MIGRATION_LOCK])?;
        migrated?;
        migrator.close()?;
        Ok(Self {
            client,
            config: config.clone(),
            statements: Statements::default(),
            actor: String::from("Roundtable"),
            origin: String::new(),
            agency: String::new(),
            request: None,
        })
    }

    /// Connects without migrating, as the role a server runs as (granted
    /// `roundtable_app`, which may not change the schema): the schema must
    /// be exactly this build's. The owner migrates with [`Self::connect`].
    pub fn open(config: &postgres::Config) -> CoreResult<Self> {
        let client = PgClient::connect(config)?;
        let found = schema_version(&client)?;
        let known = crate::store::latest_version();
        if found > known {
            return Err(CoreError::NewerSchema { found, known });
        }
        if found < known {
            return Err(CoreError::Storage(format!(
                "The database's schema is at version {found} and this build needs {known}: \
                 start Roundtable once as the database's owner to migrate it."
            )));
        }
        Ok(Self {
            client,
            config: config.clone(),
            statements: Statements::default(),
            actor: String::from("Roundtable"),
            origin: String::new(),
            agency: String::new(),
            request: None,
        })
    }

    fn migrate(client: &PgClient, migrator: &mut Client) -> CoreResult<()> {
        let found = schema_version(client)?;
        let known = crate::store::latest_version();
        if found > known {
            return Err(CoreError::NewerSchema { found, known });
        }
        let mut runner = embedded::migrations::runner().set_grouped(true);
        runner.set_migration_table_name(HISTORY_TABLE);
        runner.run(migrator)?;
        Ok(())
    }

    /// The schema version in the database (the same numbers as SQLite's).
    pub fn schema_version(&mut self) -> CoreResult<i64> {
        schema_version(&self.client)
    }

    /// The connection itself, for what runs outside [`Db`] (a copy, a
    /// `VACUUM`, the server's health check, tests).
    pub fn client(&mut self) -> &mut PgClient {
        &mut self.client
    }

    /// Names the person making changes from now on (the signed-in account).
    pub fn set_actor(&mut self, name: &str) {
        name.clone_into(&mut self.actor);
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Names whom the signed-in account works for: an agency (its
    /// representative) or, with None, the panel's own staff. Inside a
    /// server's request it lasts for the request's transaction; outside,
    /// for every statement on this connection until named again.
    /// PostgreSQL's row-level security then shows and lets change only what
    /// they may; a connection naming no one sees no record (migration 18).
    /// A round trip only when it changes.
    pub fn set_agency(&mut self, agency: Option<uuid::Uuid>) -> CoreResult<()> {
        let wanted = agency.map_or_else(|| STAFF.to_owned(), |a| a.to_string());
        if self.request.is_some() {
            return self.set_request_agency(wanted);
        }
        if wanted != self.agency {
            self.client.execute(
                "SELECT set_config('roundtable.agency', $1, false)",
                &[&wanted],
            )?;
            self.agency = wanted;
        }
        Ok(())
    }

    /// Names no one on this connection (outside a request): it sees no
    /// record until someone is named. What a pooled connection is lent as.
    pub fn clear_agency(&mut self) -> CoreResult<()> {
        if !self.agency.is_empty() {
            self.client
                .execute("SELECT set_config('roundtable.agency', '', false)", &[])?;
            self.agency.clear();
        }
        Ok(())
    }

    /// Names where the changes come from ("" for nowhere in particular):
    /// the audit log records "Name (username) from 192.0.2.7".
    pub fn set_origin(&mut self, address: &str) {
        address.clone_into(&mut self.origin);
    }

    /// Runs `work` in one read-only transaction: one consistent view
    /// (repeatable read: every statement sees the store as the first did;
    /// PostgreSQL's default gives each statement a view of its own).
    pub fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        if self.request.is_some() {
            return work(&PgDb::within(&self.client, &self.statements));
        }
        let db = PgDb::begin(
            &self.client,
            &self.statements,
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
            true,
        );
        let value = work(&db)?;
        db.commit()?;
        Ok(value)
    }

    /// Runs `work`, which runs exactly one statement, outside a
    /// transaction (one statement is one moment): the same one round trip
    /// as [`Self::read`], without the server's `BEGIN` and `COMMIT`. A
    /// second statement is refused.
    pub fn read_one<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        if self.request.is_some() {
            return work(&PgDb::within(&self.client, &self.statements));
        }
        work(&PgDb::alone(&self.client, &self.statements))
    }

    /// Runs `work` in one transaction as the actor: all of it is committed,
    /// or none; the audit entries it causes are sealed as theirs at commit.
    /// `BEGIN` and the actor go out with the first statement.
    pub fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        let audited = if self.origin.is_empty() {
            self.actor.clone()
        } else {
            format!("{} from {}", self.actor, self.origin)
        };
        if self.request.is_some() {
            return self.write_in_request(&audited, work);
        }
        let begin = format!(
            "BEGIN; SELECT set_config('roundtable.actor', {}, true)",
            literal(&audited)
        );
        let db = PgDb::begin(&self.client, &self.statements, &begin, false);
        let value = work(&db)?;
        db.commit()?;
        Ok(value)
    }

    /// Round trips made to the server by reads and writes so far (see
    /// [`Statements::round_trips`]).
    pub fn round_trips(&self) -> u64 {
        self.statements.round_trips()
    }

    /// Every statement run on this connection so far, as PostgreSQL
    /// received it (`$N` parameters), with its parameters' types for a
    /// `PREPARE`: `unknown` to infer, `text` for a number it never uses.
    /// For the query-plan test, which explains each under a generic plan.
    #[cfg(feature = "test-support")]
    pub fn statements_run(&self) -> Vec<(String, Vec<&'static str>)> {
        self.statements
            .sql()
            .iter()
            .map(|sql| {
                let (numbered, unused) = crate::store::sql::numbered_for_postgres(sql);
                // The highest `$N` written (multi-row inserts run to hundreds).
                let written = numbered
                    .split('$')
                    .skip(1)
                    .filter_map(|rest| {
                        let digits: String =
                            rest.chars().take_while(char::is_ascii_digit).collect();
                        digits.parse::<usize>().ok()
                    })
                    .max()
                    .unwrap_or(0);
                let highest = written.max(unused.iter().max().copied().unwrap_or(0));
                let types = (1..=highest)
                    .map(|n| {
                        if unused.contains(&n) {
                            "text"
                        } else {
                            "unknown"
                        }
                    })
                    .collect();
                (numbered, types)
            })
            .collect()
    }

    /// Walks the whole audit chain as "Verify the audit log" does on SQLite:
    /// sealed entries in chain order, then any never sealed.
    pub fn verify_audit(&mut self, anchors: &[AuditAnchor]) -> CoreResult<AuditVerification> {
        let rows = self.client.query(
            "SELECT seq, at, actor, action, entity, entity_id, detail, prev_hash, hash
               FROM audit_log ORDER BY seq < 0, abs(seq)",
            &[],
        )?;
        let entries = rows.iter().map(|r| {
            Ok(Row {
                seq: r.try_get(0)?,
                at: r.try_get(1)?,
                actor: r.try_get(2)?,
                action: r.try_get(3)?,
                entity: r.try_get(4)?,
                entity_id: r.try_get(5)?,
                detail: r.try_get(6)?,
                prev_hash: r.try_get(7)?,
                hash: r.try_get(8)?,
            })
        });
        let walked = crate::audit::check_chain(entries, anchors)?;
        let head = self
            .client
            .query_opt(
                "SELECT seq, hash FROM audit_log WHERE seq > 0 AND hash IS NOT NULL
                  ORDER BY seq DESC LIMIT 1",
                &[],
            )?
            .map(|r| -> CoreResult<AuditAnchor> {
                Ok(AuditAnchor {
                    seq: r.try_get(0)?,
                    hash: r.try_get(1)?,
                })
            })
            .transpose()?;
        crate::audit::finish(walked, anchors, head)
    }
}

/// The highest version applied, 0 for an empty database.
fn schema_version(client: &PgClient) -> CoreResult<i64> {
    let history = client
        .query_one("SELECT to_regclass($1)::text", &[&HISTORY_TABLE])?
        .try_get::<_, Option<String>>(0)?;
    if history.is_none() {
        return Ok(0);
    }
    let version: Option<i32> = client
        .query_one(&format!("SELECT max(version) FROM {HISTORY_TABLE}"), &[])?
        .try_get(0)?;
    Ok(i64::from(version.unwrap_or(0)))
}
