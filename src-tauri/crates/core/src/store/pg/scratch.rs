//! A fresh database per test on the throwaway PostgreSQL cluster the test
//! command starts (`pg_virtualenv`, which sets the standard `PG*` variables),
//! dropped again when the test ends.

// Test support: a cluster or database that cannot be made fails the test.
#![allow(clippy::expect_used, clippy::panic)]

use postgres::{Client, Config, NoTls};

/// The cluster's address from the `PG*` variables libpq also reads.
pub fn cluster() -> Config {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let Some(host) = var("PGHOST") else {
        panic!(
            "the PostgreSQL tests need a throwaway cluster: run them through the README's \
             test command, or `pg_virtualenv -t -v 15 cargo test`"
        );
    };
    let mut config = Config::new();
    config.host(&host);
    if let Some(port) = var("PGPORT").and_then(|p| p.parse().ok()) {
        config.port(port);
    }
    config.user(var("PGUSER").as_deref().unwrap_or("postgres"));
    if let Some(password) = var("PGPASSWORD") {
        config.password(password);
    }
    config.dbname(var("PGDATABASE").as_deref().unwrap_or("postgres"));
    config
}

/// An empty database of its own, dropped on drop.
pub struct ScratchDatabase {
    name: String,
    config: Config,
}

impl ScratchDatabase {
    pub fn new() -> Self {
        let admin = cluster();
        let name = format!("roundtable_test_{}", uuid::Uuid::new_v4().simple());
        let mut client = admin.connect(NoTls).expect("connect to the test cluster");
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create a test database");
        let mut config = admin;
        config.dbname(&name);
        Self { name, config }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The store on this database, migrated.
    pub fn store(&self) -> super::PgStore {
        super::PgStore::connect(&self.config).expect("open the store on the test database")
    }

    pub fn client(&self) -> Client {
        self.config
            .connect(NoTls)
            .expect("connect to the test database")
    }

    /// Settings for a new login role granted only `roundtable_app`, as a
    /// server connects (the store must have been migrated, which makes
    /// that role).
    pub fn app_login(&self) -> Config {
        let role = format!("rt_app_{}", uuid::Uuid::new_v4().simple());
        self.client()
            .batch_execute(&format!(
                "CREATE ROLE {role} LOGIN PASSWORD 'app-secret' IN ROLE roundtable_app"
            ))
            .expect("create the app's login role");
        let mut config = self.config.clone();
        config.user(&role).password("app-secret");
        config
    }
}

impl Default for ScratchDatabase {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        if let Ok(mut client) = cluster().connect(NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}
