//! A connection whose transaction could not end cleanly is never lent again in that state:
//! after a database was full once, no write succeeded until a restart (every `BEGIN` on
//! the connection given back failed).

use std::time::Duration;

use services::db::Backend;
use services::Db;

async fn add_topic(db: &Db, name: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO topics (name, position, retired, created_at)
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM topics), 0, 0)",
    )
    .bind(name)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

async fn topic_exists(db: &Db, name: &str) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM topics WHERE name = $1")
        .bind(name)
        .fetch_one(db.pool())
        .await
        .unwrap()
        == 1
}

pub async fn a_connection_whose_transaction_failed_to_end_is_not_lent_again(db: &Db) {
    match db.backend() {
        Backend::Sqlite => {
            // On a full disk SQLite may roll a transaction back itself when COMMIT fails;
            // sqlx still counts it open, and its own ROLLBACK then fails too. The same
            // state, made on demand: the transaction ended behind sqlx's back.
            let mut tx = db.begin().await.unwrap();
            sqlx::query(
                "INSERT INTO topics (name, position, retired, created_at) VALUES ('lost', 99, 0, 0)",
            )
            .execute(&mut *tx)
            .await
            .unwrap();
            sqlx::raw_sql("ROLLBACK").execute(&mut *tx).await.unwrap();
            assert!(tx.commit().await.is_err(), "COMMIT with no transaction");
        }
        Backend::Postgres => {
            // A transaction abandoned while it waits for the writers' lock (its request
            // timed out, or its client went away), as under load.
            let other = db.another_pool().await;
            let holder = other.begin().await.unwrap();
            let waited = tokio::time::timeout(Duration::from_millis(300), db.begin()).await;
            assert!(waited.is_err(), "the writers' lock is held");
            holder.rollback().await.unwrap();
            other.close().await;
        }
    }
    // The scratch pool has one connection: each of these gets the one given back above,
    // or a new one in its place.
    for n in 0..3 {
        let name = format!("after {n}");
        add_topic(db, &name)
            .await
            .unwrap_or_else(|e| panic!("write {n} after the failed transaction: {e}"));
        assert!(topic_exists(db, &name).await);
    }
    assert!(!topic_exists(db, "lost").await);
}
