//! What a feature runs on: either engine's store. A feature is written once
//! against [`Engine`]; the desktop app passes its SQLCipher [`Store`], the
//! server its [`PgStore`].

use crate::error::CoreResult;
use crate::store::Store;
use crate::store::pg::PgStore;
use crate::store::sql::Db;

pub trait Engine {
    /// Who is making changes (recorded in case histories and the audit log).
    fn actor(&self) -> &str;
    /// Names the person making changes from now on.
    fn set_actor(&mut self, name: &str);
    /// Runs `work` on a consistent view of the store.
    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T>;
    /// Runs `work`, which runs exactly one statement (a search, a list):
    /// one statement is one moment on its own, so PostgreSQL needs no
    /// transaction around it, and refuses a second.
    fn read_one<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        self.read(work)
    }
    /// Runs `work` in one transaction, audited as the current actor: all of
    /// it is committed, or none.
    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T>;
    /// After deleting personal data: leaves no old copy of it behind where
    /// the engine lets us (SQLCipher empties its write-ahead log; PostgreSQL
    /// reclaims dead rows at its own vacuum, which the app's role cannot
    /// force, so there it does nothing).
    fn purge_deleted(&mut self) -> CoreResult<()>;
}

impl Engine for Store {
    fn actor(&self) -> &str {
        Store::actor(self)
    }

    fn set_actor(&mut self, name: &str) {
        Store::set_actor(self, name);
    }

    /// One read transaction: the statements of a screen see one moment,
    /// and SQLite takes the write-ahead log's read lock once for them all,
    /// not once per statement (rolled back if `work` fails or panics).
    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        let tx = self.conn().unchecked_transaction()?;
        let out = work(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// One statement is its own moment: no transaction around it.
    fn read_one<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        work(self.conn())
    }

    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        Store::write(self, |tx| work(tx))
    }

    fn purge_deleted(&mut self) -> CoreResult<()> {
        self.checkpoint()
    }
}

impl Engine for PgStore {
    fn actor(&self) -> &str {
        PgStore::actor(self)
    }

    fn set_actor(&mut self, name: &str) {
        PgStore::set_actor(self, name);
    }

    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        PgStore::read(self, work)
    }

    fn read_one<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        PgStore::read_one(self, work)
    }

    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        PgStore::write(self, work)
    }

    fn purge_deleted(&mut self) -> CoreResult<()> {
        Ok(())
    }
}
