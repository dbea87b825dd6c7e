//! Shared by the data layer's story files: run each story on both databases.

/// Declares each named story (an `async fn(&Db)` in the calling file) as two tests: one on
/// a temporary SQLite file and one on a new PostgreSQL database, dropped afterwards.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let scratch = services::db::scratch::ScratchDb::sqlite().await;
                super::$name(&scratch.db).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let scratch = services::db::scratch::ScratchDb::postgres().await;
                super::$name(&scratch.db).await;
            })*
        }
    };
}
