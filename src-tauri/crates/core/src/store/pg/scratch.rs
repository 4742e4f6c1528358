//! A fresh database per test on the throwaway PostgreSQL cluster the test
//! command starts (`pg_virtualenv`, which sets the standard `PG*` variables),
//! dropped again when the test ends.

use postgres::{Client, Config, NoTls};

/// The cluster's address from the `PG*` variables libpq also reads.
pub(crate) fn cluster() -> Config {
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
pub(crate) struct ScratchDatabase {
    name: String,
    config: Config,
}

impl ScratchDatabase {
    pub(crate) fn new() -> Self {
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

    pub(crate) fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn client(&self) -> Client {
        self.config
            .connect(NoTls)
            .expect("connect to the test database")
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
