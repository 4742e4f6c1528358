//! Rebuilds the core when a PostgreSQL migration is added or changed.
//!
//! `refinery::embed_migrations!` reads `src/store/migrations/postgres` while
//! the crate compiles but does not tell cargo it did, so a new or edited
//! migration alone left the old list embedded until some Rust file changed.
//! (SQLite's migrations come in through `include_str!`, which cargo tracks.)

fn main() {
    println!("cargo:rerun-if-changed=src/store/migrations/postgres");
}
