//! A pool of connections to the shared store, each a [`PgStore`] opened as
//! the server's own role (granted `roundtable_app`: it may read and change
//! the data, never the schema or the audit log). One is lent to a request
//! for its whole length, named as the signed-in account.

use std::time::Duration;

use roundtable_core::CoreError;
use roundtable_core::store::pg::PgStore;

/// The pool. Dropped on a thread of its own: closing a connection blocks
/// (the synchronous client waits on its own small runtime), which a thread
/// of the server's async runtime may not do when the server stops.
pub struct Pool(Option<r2d2::Pool<StoreManager>>);

impl Pool {
    pub fn get(&self) -> Result<r2d2::PooledConnection<StoreManager>, CoreError> {
        self.0
            .as_ref()
            .ok_or_else(|| CoreError::Storage("the server is stopping".into()))?
            .get()
            .map_err(|e| CoreError::Storage(format!("no database connection is free: {e}")))
    }
}

impl Clone for Pool {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        if let Some(pool) = self.0.take() {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

pub struct StoreManager {
    config: postgres::Config,
}

impl r2d2::ManageConnection for StoreManager {
    type Connection = PgStore;
    type Error = CoreError;

    fn connect(&self) -> Result<PgStore, CoreError> {
        PgStore::open(&self.config)
    }

    fn is_valid(&self, store: &mut PgStore) -> Result<(), CoreError> {
        store.client().simple_query("")?;
        Ok(())
    }

    fn has_broken(&self, store: &mut PgStore) -> bool {
        store.client().is_closed()
    }
}

/// Up to `size` connections, made as requests need them. A connection
/// found broken (the database restarted) is replaced on the next request.
pub fn pool(config: postgres::Config, size: u32) -> Result<Pool, CoreError> {
    let pool = r2d2::Pool::builder()
        .max_size(size)
        .min_idle(Some(1))
        .connection_timeout(Duration::from_secs(10))
        // A checkout costs no round trip; a dead connection fails its
        // request once and is dropped.
        .test_on_check_out(false)
        .build(StoreManager { config })
        .map_err(|e| CoreError::Storage(format!("cannot reach the database: {e}")))?;
    Ok(Pool(Some(pool)))
}
