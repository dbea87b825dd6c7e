//! The audit trail's hash chain: intact under concurrent writers, and each kind of change
//! made behind Scrutineer's back named by `verify`.

use domain::Role;
use services::audit::chain::{self, Break, Checkpoint, SigningKey};
use services::db::Backend;
use services::Db;

use super::add;

async fn run(db: &Db, statements: &[&str]) {
    for statement in statements {
        sqlx::query(statement)
            .execute(db.pool())
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}

/// Takes the triggers away, as someone with the database's files or its owner's password
/// could, and keeps a copy of the trail to put back.
async fn tamper_freely(db: &Db) {
    match db.backend() {
        Backend::Sqlite => {
            run(
                db,
                &[
                    "DROP TRIGGER audit_events_no_update",
                    "DROP TRIGGER audit_events_no_delete",
                ],
            )
            .await
        }
        Backend::Postgres => run(db, &["ALTER TABLE audit_events DISABLE TRIGGER USER"]).await,
    }
    run(
        db,
        &["CREATE TABLE audit_copy AS SELECT * FROM audit_events"],
    )
    .await;
}

async fn put_back(db: &Db) {
    run(
        db,
        &[
            "DELETE FROM audit_events",
            "INSERT INTO audit_events SELECT * FROM audit_copy",
        ],
    )
    .await;
    assert_eq!(broken(db).await, None, "the trail is whole again");
}

async fn broken(db: &Db) -> Option<Break> {
    chain::verify(db).await.unwrap().first_break
}

async fn id_at(db: &Db, seq: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM audit_events WHERE seq = $1")
        .bind(seq)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

pub(super) async fn the_chain_names_each_change_made_behind_its_back(db: &Db) {
    for n in 0..6 {
        add(db, &format!("person{n}@opcc.example"), Role::Secretariat).await;
    }
    let report = chain::verify(db).await.unwrap();
    assert_eq!(report.first_break, None);
    assert_eq!(report.events, 6);
    assert_eq!(report.head.as_ref().unwrap().seq, 6);

    tamper_freely(db).await;
    let (third, fourth) = (id_at(db, 3).await, id_at(db, 4).await);

    run(
        db,
        &["UPDATE audit_events SET actor_label = 'Someone else' WHERE seq = 3"],
    )
    .await;
    assert_eq!(broken(db).await, Some(Break::Edited { seq: 3, id: third }));
    put_back(db).await;

    run(db, &["DELETE FROM audit_events WHERE seq = 3"]).await;
    let deleted = broken(db).await.unwrap();
    assert_eq!(
        deleted,
        Break::Deleted {
            first: 3,
            last: 3,
            before: 2,
            after: 4
        }
    );
    assert_eq!(
        deleted.to_string(),
        "event 3 was deleted: the chain goes from event 2 to event 4"
    );
    put_back(db).await;

    run(
        db,
        &["INSERT INTO audit_events (at, actor_label, action, entity)
           VALUES (1700000000, 'Admin', 'user.created', 'user')"],
    )
    .await;
    let inserted: i64 = sqlx::query_scalar("SELECT MAX(id) FROM audit_events")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(broken(db).await, Some(Break::Inserted { id: inserted }));
    put_back(db).await;

    // Events 3 and 4 swap places.
    run(
        db,
        &[
            "UPDATE audit_events SET seq = -3 WHERE seq = 3",
            "UPDATE audit_events SET seq = 3 WHERE seq = 4",
            "UPDATE audit_events SET seq = 4 WHERE seq = -3",
        ],
    )
    .await;
    assert_eq!(
        broken(db).await,
        Some(Break::Reordered {
            seq: 3,
            id: fourth,
            follows: 4
        })
    );
    put_back(db).await;

    // Everything after event 2 rewritten and rehashed: whole by itself, but not against a
    // checkpoint signed before.
    let key = SigningKey::generate();
    let line = chain::checkpoint(db, &key).await.unwrap().unwrap().line();
    let signed = Checkpoint::parse(&line).unwrap();
    assert_eq!(signed.seq, 6);
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT seq, prev_hash FROM audit_events WHERE seq >= 3 ORDER BY seq")
            .fetch_all(db.pool())
            .await
            .unwrap();
    let mut prev = rows[0].1.clone();
    for (seq, _) in rows {
        run(
            db,
            &[&format!(
                "UPDATE audit_events SET actor_label = 'Someone else' WHERE seq = {seq}"
            )],
        )
        .await;
        let fields = fields_at(db, seq).await;
        let hash = chain::hash(&prev, &fields);
        sqlx::query("UPDATE audit_events SET prev_hash = $1, hash = $2 WHERE seq = $3")
            .bind(&prev)
            .bind(&hash)
            .bind(seq)
            .execute(db.pool())
            .await
            .unwrap();
        prev = hash;
    }
    assert_eq!(
        broken(db).await,
        None,
        "a rehashed chain is whole by itself"
    );
    let against = chain::verify_against(db, &signed).await.unwrap();
    assert_eq!(against.first_break, Some(Break::Rewritten { seq: 6 }));
    put_back(db).await;
    assert_eq!(
        chain::verify_against(db, &signed)
            .await
            .unwrap()
            .first_break,
        None
    );
}

async fn fields_at(db: &Db, seq: i64) -> chain::Fields {
    use sqlx::Row;
    let row = sqlx::query(
        "SELECT at, actor_id, actor_label, action, entity, entity_id, before_json, after_json,
                address
         FROM audit_events WHERE seq = $1",
    )
    .bind(seq)
    .fetch_one(db.pool())
    .await
    .unwrap();
    chain::Fields {
        at: row.get("at"),
        actor_id: row.get("actor_id"),
        actor_label: row.get("actor_label"),
        action: row.get("action"),
        entity: row.get("entity"),
        entity_id: row.get("entity_id"),
        before_json: row.get("before_json"),
        after_json: row.get("after_json"),
        address: row.get("address"),
    }
}

/// Writers on separate pools (as separate requests and processes are) still make one chain.
pub(super) async fn concurrent_writers_make_one_chain(db: &Db) {
    let mut tasks = Vec::new();
    for writer in 0..4 {
        let pool = db.another_pool().await;
        tasks.push(tokio::spawn(async move {
            for n in 0..10 {
                add(
                    &pool,
                    &format!("w{writer}n{n}@opcc.example"),
                    Role::Commissioner,
                )
                .await;
            }
            pool.close().await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let report = chain::verify(db).await.unwrap();
    assert_eq!(report.first_break, None);
    assert_eq!(report.events, 40);
    assert_eq!(report.head.unwrap().seq, 40);
}

/// Events written before the chain existed are sealed into it once; the update that seals
/// them is the only one the triggers allow, and only on an unsealed event.
pub(super) async fn earlier_events_are_sealed_once(db: &Db) {
    add(db, "before@opcc.example", Role::Secretariat).await;
    tamper_freely(db).await;
    // As a database written before the chain existed.
    run(
        db,
        &["UPDATE audit_events SET seq = NULL, prev_hash = NULL, hash = NULL"],
    )
    .await;
    run(db, &["DROP TABLE audit_copy"]).await;
    match db.backend() {
        Backend::Sqlite => {
            // The triggers as migration 0020 made them.
            let sql = include_str!("../../../../migrations/sqlite/0020_audit_chain.sql");
            let update = &sql[sql.find("CREATE TRIGGER").unwrap()..];
            run(
                db,
                &[
                    update,
                    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                     BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END",
                ],
            )
            .await
        }
        Backend::Postgres => run(db, &["ALTER TABLE audit_events ENABLE TRIGGER USER"]).await,
    }
    assert!(matches!(broken(db).await, Some(Break::Inserted { .. })));
    services::prepare(db).await.unwrap();
    assert_eq!(broken(db).await, None);
    add(db, "after@opcc.example", Role::Secretariat).await;
    let report = chain::verify(db).await.unwrap();
    assert_eq!((report.events, report.first_break), (2, None));
    for refused in [
        "UPDATE audit_events SET hash = NULL",
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
    ] {
        assert!(
            sqlx::query(refused).execute(db.pool()).await.is_err(),
            "{refused} was allowed"
        );
    }
    if db.backend() == Backend::Postgres {
        assert!(sqlx::query("TRUNCATE audit_events")
            .execute(db.pool())
            .await
            .is_err());
    }
}

/// The serving role of `scripts/postgres-serving-role.sql` writes the trail through the
/// services and is refused any change to it by PostgreSQL's own permissions, before any
/// trigger.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_serving_role_may_only_insert_and_read_audit_events() {
    let scratch = services::db::scratch::ScratchDb::postgres().await;
    let db = &scratch.db;
    let role = format!("scrutineer_serving_{:08x}", rand::random::<u32>());
    run(db, &[&format!("CREATE ROLE {role} LOGIN")]).await;
    let script = include_str!("../../../../scripts/postgres-serving-role.sql");
    sqlx::raw_sql(&script.replace("scrutineer_app", &role))
        .execute(db.pool())
        .await
        .unwrap();

    let url = scratch.url();
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    let served = Db::connect(&format!("{scheme}://{role}@{host}"))
        .await
        .unwrap();
    services::prepare(&served)
        .await
        .expect("nothing to migrate: the serving role may start");
    add(&served, "served@opcc.example", Role::Secretariat).await;
    assert_eq!(chain::verify(&served).await.unwrap().events, 1);
    for refused in [
        "UPDATE audit_events SET action = 'x'",
        "DELETE FROM audit_events",
        "TRUNCATE audit_events",
    ] {
        let error = sqlx::query(refused)
            .execute(served.pool())
            .await
            .expect_err(refused)
            .to_string();
        assert!(error.contains("permission denied"), "{refused}: {error}");
    }
    // Nor anything else it never does: the migrations' record, or a table it only adds to.
    for refused in [
        "DELETE FROM _sqlx_migrations",
        "DELETE FROM users",
        "DELETE FROM boards",
        "UPDATE equality_objectives SET text = text",
    ] {
        let error = sqlx::query(refused)
            .execute(served.pool())
            .await
            .expect_err(refused)
            .to_string();
        assert!(error.contains("permission denied"), "{refused}: {error}");
    }
    served.close().await;
    run(
        db,
        &[
            &format!("DROP OWNED BY {role}"),
            &format!("DROP ROLE {role}"),
        ],
    )
    .await;
}

/// The tables the code's SQL updates and deletes from, read from every source file.
fn written_by_the_code(verb: &str) -> std::collections::BTreeSet<String> {
    fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for crate_dir in ["services/src", "server/src", "app/src"] {
        walk(&root.join(crate_dir), &mut files);
    }
    let mut tables = std::collections::BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '{' || c == '}'))
            .filter(|w| !w.is_empty())
            .collect();
        for pair in words.windows(3) {
            let table = match (verb, pair) {
                ("UPDATE", ["UPDATE", table, "SET"]) => *table,
                ("UPDATE", ["DO", "UPDATE", "SET"]) => "(upsert)",
                ("DELETE", ["DELETE", "FROM", table]) => *table,
                _ => continue,
            };
            tables.insert(table.to_owned());
        }
    }
    tables
}

fn granted(script: &str, verb: &str) -> std::collections::BTreeSet<String> {
    let line = script
        .lines()
        .find(|l| l.starts_with(&format!("GRANT {verb} ON ")))
        .unwrap();
    let list = line
        .trim_start_matches(&format!("GRANT {verb} ON "))
        .split(" TO ")
        .next()
        .unwrap();
    list.split(", ").map(str::to_owned).collect()
}

/// The serving role is granted UPDATE and DELETE on exactly the tables the code changes:
/// a new statement fails here until the script grants it, and a grant nothing uses goes.
#[test]
fn the_serving_role_may_change_what_the_code_changes_and_nothing_else() {
    let script = include_str!("../../../../scripts/postgres-serving-role.sql");
    let mut updated = written_by_the_code("UPDATE");
    // `UPDATE {} SET version …`: the workflow's claim on actions and questions; the
    // upserts: action numbers (the demo) and complaints figures; audit events are sealed
    // once at the first migration, by the owner.
    assert!(updated.remove("{}"));
    assert!(updated.remove("(upsert)"));
    updated.extend(
        [
            "actions",
            "questions",
            "action_counters",
            "complaint_figures",
        ]
        .map(String::from),
    );
    assert!(updated.remove("audit_events"));
    assert_eq!(granted(script, "UPDATE"), updated);
    assert_eq!(granted(script, "DELETE"), written_by_the_code("DELETE"));
}
