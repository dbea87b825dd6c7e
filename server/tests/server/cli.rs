//! The `scrutineer` binary's commands, run as an operator would run them.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn scrutineer(database: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(args)
        .env("DATABASE_URL", database)
        .env("SCRUTINEER_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn scratch_url(name: &str) -> (tempdir::Dir, String) {
    let dir = tempdir::Dir::new(name);
    let url = format!("sqlite://{}", dir.path.join("cli.db").display());
    (dir, url)
}

mod tempdir {
    pub struct Dir {
        pub path: std::path::PathBuf,
    }
    impl Dir {
        pub fn new(name: &str) -> Dir {
            let path =
                std::env::temp_dir().join(format!("scrutineer-cli-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Dir { path }
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

#[test]
fn the_first_admin_is_made_on_the_command_line_with_a_password_from_stdin() {
    let (_dir, db) = scratch_url("create-user");
    let args = [
        "create-user",
        "--email",
        "First.Admin@OPCC.example",
        "--name",
        "First Admin",
        "--role",
        "admin",
    ];
    let made = scrutineer(&db, &args, "a long enough password\n");
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(text(&made.stdout).contains("Created first.admin@opcc.example (First Admin) as Admin"));

    let again = scrutineer(&db, &args, "a long enough password\n");
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("email"),
        "{}",
        text(&again.stderr)
    );
}

#[test]
fn create_user_refuses_bad_values_before_asking_for_a_password() {
    let (_dir, db) = scratch_url("bad-user");
    let out = scrutineer(
        &db,
        &[
            "create-user",
            "--email",
            "nope",
            "--name",
            " ",
            "--role",
            "chief",
        ],
        "",
    );
    assert!(!out.status.success());
    let stderr = text(&out.stderr);
    for field in ["email:", "name:", "role:"] {
        assert!(stderr.contains(field), "no {field} in {stderr}");
    }
    let short = scrutineer(
        &db,
        &[
            "create-user",
            "--email",
            "a@opcc.example",
            "--name",
            "A",
            "--role",
            "admin",
        ],
        "short\n",
    );
    assert!(!short.status.success());
    assert!(
        text(&short.stderr).contains("password:"),
        "{}",
        text(&short.stderr)
    );
}

#[test]
fn demo_prints_each_account_once_and_refuses_a_second_load() {
    let (_dir, db) = scratch_url("demo");
    let first = scrutineer(&db, &["demo"], "");
    assert!(first.status.success(), "{}", text(&first.stderr));
    let stdout = text(&first.stdout);
    for email in [
        "admin@opcc.example",
        "secretariat@opcc.example",
        "commissioner@opcc.example",
        "liaison@force.example",
    ] {
        assert!(stdout.contains(email), "{email} missing from {stdout}");
    }
    let second = scrutineer(&db, &["demo"], "");
    assert!(!second.status.success());
    assert!(!text(&second.stdout).contains("@opcc.example"));
}

#[test]
fn a_database_url_for_neither_backend_is_refused() {
    let out = scrutineer("mysql://localhost/db", &["migrate"], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("DATABASE_URL must start with"));
}

#[test]
fn routes_lists_every_page_with_who_may_see_it() {
    let (_dir, db) = scratch_url("routes");
    let out = scrutineer(&db, &["routes"], "");
    assert!(out.status.success());
    let pages: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pages = pages.as_array().unwrap();
    assert_eq!(pages.len(), app::routes::PAGES.len());
    let users = pages.iter().find(|p| p["path"] == "/admin/users").unwrap();
    assert_eq!(users["access"], serde_json::json!(["admin"]));
}

#[test]
fn a_complaints_file_is_imported_whole_or_refused_with_its_lines() {
    let (dir, db) = scratch_url("complaints");
    let bad = dir.path.join("bad.csv");
    std::fs::write(
        &bad,
        "force,quarter,measure,value,msf_value,national_value\nWest Mercia Police,2025/26 Q5,cases_logged,10,,\nWest Mercia Police,2025/26 Q1,cases_logged,-1,,\n",
    )
    .unwrap();
    let out = scrutineer(&db, &["import", "complaints", bad.to_str().unwrap()], "");
    assert!(!out.status.success());
    let errors = text(&out.stderr);
    assert!(errors.contains("line 2, quarter"), "{errors}");
    assert!(errors.contains("line 3, value"), "{errors}");
    assert!(errors.contains("nothing was saved"), "{errors}");
    let good = dir.path.join("good.csv");
    std::fs::write(&good, services::evidence::complaints::TEMPLATE).unwrap();
    let out = scrutineer(&db, &["import", "complaints", good.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("good.csv: 7 rows imported"));
}

#[test]
fn a_backup_is_checked_and_restores_only_into_an_empty_database() {
    let (dir, db) = scratch_url("backup");
    let out = scrutineer(&db, &["demo"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = dir.path.join("backup.db");
    let out = scrutineer(&db, &["backup", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.starts_with("Backed up to "), "{said}");
    // It holds password hashes: its owner alone may read it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "backup mode {mode:o}");
    }
    assert!(
        !said.contains("actions 0") && !said.contains("audit_events 0"),
        "{said}"
    );
    // Never over an existing file.
    let out = scrutineer(&db, &["backup", file.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already exists"));
    // Nor through a link, even one that points nowhere yet: the copy was written where it
    // pointed, readable by anyone.
    #[cfg(unix)]
    {
        let dangling = dir.path.join("link.db");
        let pointed = dir.path.join("elsewhere-by-link.db");
        std::os::unix::fs::symlink(&pointed, &dangling).unwrap();
        let out = scrutineer(&db, &["backup", dangling.to_str().unwrap()], "");
        assert!(!out.status.success());
        assert!(
            text(&out.stderr).contains("already exists"),
            "{}",
            text(&out.stderr)
        );
        assert!(!pointed.exists(), "nothing written through the link");
    }
    // Never into a database that holds anything.
    let out = scrutineer(&db, &["restore", file.to_str().unwrap()], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("already holds a database"));
    // Into a new file: the same rows as the backup said.
    let restored = format!("sqlite://{}", dir.path.join("restored.db").display());
    let out = scrutineer(&restored, &["restore", file.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.path.join("restored.db");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "restored mode {mode:o}");
    }
    let back = text(&out.stdout);
    let counts = |s: &str| s.split_once(": ").map(|(_, c)| c.trim().to_owned());
    assert_eq!(counts(&back), counts(&said), "{back} / {said}");
    // The chain came across whole, with the same head.
    let verify = |url: &str| {
        let out = scrutineer(url, &["audit", "verify"], "");
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let (original, copy) = (verify(&db), verify(&restored));
    assert!(
        original.starts_with("The audit trail is intact: "),
        "{original}"
    );
    assert_eq!(original, copy);
    // Not a Scrutineer database: refused.
    let stranger = dir.path.join("stranger.db");
    std::fs::write(&stranger, b"not a database at all").unwrap();
    let elsewhere = format!("sqlite://{}", dir.path.join("elsewhere.db").display());
    let out = scrutineer(&elsewhere, &["restore", stranger.to_str().unwrap()], "");
    assert!(!out.status.success());
}

#[test]
fn the_audit_trail_is_verified_and_checkpointed_from_the_command_line() {
    let (dir, db) = scratch_url("audit");
    let out = scrutineer(&db, &["demo"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = scrutineer(&db, &["audit", "keygen"], "");
    let keys = text(&out.stdout);
    let secret = keys
        .lines()
        .find_map(|l| l.strip_prefix("SCRUTINEER_AUDIT_KEY="))
        .expect(&keys)
        .to_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(["audit", "checkpoint"])
        .env("DATABASE_URL", &db)
        .env("SCRUTINEER_LOG", "warn")
        .env("SCRUTINEER_AUDIT_KEY", &secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = text(&out.stdout);
    assert!(
        line.starts_with("scrutineer-audit-checkpoint-v1 seq="),
        "{line}"
    );
    assert!(!line.contains(&secret), "the secret stays secret");
    let checkpoint = dir.path.join("checkpoint.txt");
    std::fs::write(&checkpoint, &line).unwrap();
    let out = scrutineer(
        &db,
        &[
            "audit",
            "verify",
            "--checkpoint",
            checkpoint.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("It still holds the checkpoint's event"));

    // A checkpoint whose line was altered is refused.
    let altered = dir.path.join("altered.txt");
    std::fs::write(&altered, line.replacen("seq=", "seq=1", 1)).unwrap();
    let out = scrutineer(
        &db,
        &["audit", "verify", "--checkpoint", altered.to_str().unwrap()],
        "",
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("signature does not match"));

    // An event edited in the file, with the triggers dropped: named, and exit 1.
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let direct = services::Db::connect(&db).await.unwrap();
        sqlx::raw_sql(
            "DROP TRIGGER audit_events_no_update;
             UPDATE audit_events SET actor_label = 'Nobody' WHERE seq = 2;",
        )
        .execute(direct.pool())
        .await
        .unwrap();
        direct.close().await;
    });
    let out = scrutineer(&db, &["audit", "verify"], "");
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("tampered with: event 2 (row") && said.contains("was edited"),
        "{said}"
    );
}

/// The key second-factor secrets are sealed under lives outside the database: beside a
/// SQLite file, made on first start, its owner's alone; `secrets keygen` makes one for the
/// setting and `secrets rotate` moves every secret to it, refusing a malformed key.
#[test]
fn the_secrets_key_is_kept_beside_the_database_and_rotated_from_the_command_line() {
    let (dir, db) = scratch_url("secrets");
    let out = scrutineer(&db, &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let key_file = dir.path.join("cli.db.secrets-key");
    let first = std::fs::read_to_string(&key_file).expect("a key file beside the database");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "key file mode {mode:o}");
    }
    // Kept as it is from one start to the next.
    let out = scrutineer(&db, &["migrate"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&key_file).unwrap(), first);

    let out = scrutineer(&db, &["secrets", "keygen"], "");
    let printed = text(&out.stdout);
    let new_key = printed
        .trim()
        .strip_prefix("SCRUTINEER_SECRETS_KEY=")
        .unwrap_or_else(|| panic!("{printed}"))
        .to_owned();
    assert!(services::common::sealing::SealingKey::parse(&new_key).is_ok());
    let out = scrutineer(&db, &["secrets", "rotate", "--new-key", &new_key], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("now sealed under the new key"),
        "{}",
        text(&out.stdout)
    );
    let out = scrutineer(&db, &["secrets", "rotate", "--new-key", "not a key"], "");
    assert!(!out.status.success());
    // Not in the database's backup.
    let backup = dir.path.join("backup.db");
    let out = scrutineer(&db, &["backup", backup.to_str().unwrap()], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let copy = std::fs::read(&backup).unwrap();
    assert!(!copy
        .windows(first.trim().len())
        .any(|w| w == first.trim().as_bytes()));
}

/// The production binary serves, migrates, imports, backs up and verifies: the benchmarks
/// are `scrutineer-bench` (crate `tools`), not commands of this one.
#[test]
fn the_production_binary_has_no_benchmarks() {
    let out = Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = text(&out.stdout);
    assert!(help.contains("serve") && help.contains("backup"), "{help}");
    assert!(!help.contains("bench"), "{help}");
}

/// The README is a front door (at most 150 lines), and every document it and `docs/` link
/// to is there.
#[test]
fn the_readme_is_short_and_its_links_lead_somewhere() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 150,
        "the README has {} lines",
        readme.lines().count()
    );
    let mut files = vec![(root.join("README.md"), readme)];
    for dir in ["docs", "docs/decisions"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path, text));
            }
        }
    }
    let mut links = 0;
    for (file, text) in &files {
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let target = target.split('#').next().unwrap_or_default();
            // Addresses on the web or on the site (`/actions.csv` in an example), not files.
            if target.is_empty()
                || target.contains("://")
                || target.starts_with("mailto:")
                || target.starts_with('/')
            {
                continue;
            }
            let path = file.parent().unwrap().join(target);
            assert!(
                path.exists(),
                "{} links to {target}, which is not there",
                file.display()
            );
            links += 1;
        }
    }
    assert!(links >= 7, "only {links} links between the documents");
}
