//! What a feature runs on: either engine's store. A feature is written once
//! against [`Engine`]; the desktop app passes its SQLCipher [`Store`], the
//! server its [`PgStore`].

use crate::error::CoreResult;
use crate::store::Store;
use crate::store::pg::PgStore;
use crate::store::sql::Db;

pub trait Engine {
    /// Runs `work` on a consistent view of the store.
    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T>;
    /// Runs `work` in one transaction, audited as the current actor: all of
    /// it is committed, or none.
    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T>;
}

impl Engine for Store {
    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        work(self.conn())
    }

    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        Store::write(self, |tx| work(tx))
    }
}

impl Engine for PgStore {
    fn read<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        PgStore::read(self, work)
    }

    fn write<T>(&mut self, work: impl FnOnce(&dyn Db) -> CoreResult<T>) -> CoreResult<T> {
        PgStore::write(self, work)
    }
}
