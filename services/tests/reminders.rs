//! Reminder emails through a real SMTP listener started by the test: each reminder once,
//! across restarts and with two "servers" (two pools on one database) running at once; a
//! failed send is retried later. Run on SQLite and on PostgreSQL alike.

use chrono::Days;
use domain::Role;
use services::actions::{self, ActionInput, NewAction};
use services::reminders::{self, Mailer, Settings};
use services::{topics, working_days, Db};

#[macro_use]
mod support;
use support::people::{board, person};
use support::smtp::SmtpListener;

on_both!(reminders_go_once_to_the_right_people_and_failed_ones_are_retried);

async fn record(
    db: &Db,
    board: i64,
    owner: &str,
    owner_user: &str,
    due_in: i64,
    text: &str,
) -> i64 {
    let today = services::london::today();
    let due = if due_in >= 0 {
        today.checked_add_days(Days::new(due_in as u64))
    } else {
        today.checked_sub_days(Days::new(due_in.unsigned_abs()))
    }
    .unwrap()
    .format("%Y-%m-%d")
    .to_string();
    let topics = topics::list(db).await.unwrap();
    let calendar = working_days::calendar(db).await.unwrap();
    let (board, topic) = (board.to_string(), topics[0].id.to_string());
    let new = NewAction::parse(
        &ActionInput {
            board: &board,
            text,
            topic: &topic,
            owner,
            owner_name: "Someone",
            owner_user,
            priority: "high",
            due: &due,
            ..Default::default()
        },
        &topics,
        today,
        &calendar,
    )
    .unwrap();
    actions::create(db, &services::audit::Actor::command_line(), new)
        .await
        .unwrap()
        .0
}

async fn reminders_go_once_to_the_right_people_and_failed_ones_are_retried(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let board = board(db, &secretariat, "SPCB").await;
    record(db, board, "force", "", 3, "Due soon").await;
    record(db, board, "force", "", -2, "Overdue").await;
    let commissioner_id = commissioner.user_id.unwrap().0.to_string();
    record(
        db,
        board,
        "opcc",
        &commissioner_id,
        -1,
        "The OPCC's, overdue",
    )
    .await;
    let closed = record(db, board, "force", "", -3, "Closed").await;
    actions::respond(db, &liaison, closed, "Done")
        .await
        .unwrap();
    record(db, board, "force", "", 30, "Not yet").await;
    let settings = Settings {
        days_before: 7,
        base_url: "https://scrutineer.example".to_owned(),
    };
    let today = services::london::today();

    // With the mail server down, nothing is sent and nothing is marked sent.
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("smtp://{}", closed_port.local_addr().unwrap());
    drop(closed_port);
    let down = Mailer::new(&dead, "scrutineer@opcc.example").unwrap();
    let run = reminders::run_once(db, &down, &settings, today)
        .await
        .unwrap();
    assert_eq!((run.sent, run.failed), (0, 4));

    // Two servers on one database, at once: every reminder goes exactly once.
    let smtp = SmtpListener::start().await;
    let mailer = Mailer::new(&smtp.url, "Scrutineer <scrutineer@opcc.example>").unwrap();
    let other = db.another_pool().await;
    let (first, second) = tokio::join!(
        reminders::run_once(db, &mailer, &settings, today),
        reminders::run_once(&other, &mailer, &settings, today),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.sent + second.sent, 4, "{first:?} {second:?}");
    let received = smtp.received();
    let mut to: Vec<(String, String)> = received
        .iter()
        .map(|m| {
            let subject = m
                .data
                .lines()
                .find_map(|l| l.strip_prefix("Subject: "))
                .unwrap_or_default()
                .to_owned();
            (m.to.join(","), subject)
        })
        .collect();
    to.sort();
    let year = services::london::year(services::now());
    assert_eq!(to.len(), 4, "{to:?}");
    assert_eq!(to[0].0, "commissioner@opcc.example");
    assert_eq!(to[0].1, format!("Action SPCB/{year}/003 is overdue"));
    assert_eq!(to[1].0, "force-liaison@opcc.example");
    assert!(to[1]
        .1
        .starts_with(&format!("Action SPCB/{year}/001 is due on ")));
    assert_eq!(to[2].1, format!("Action SPCB/{year}/002 is overdue"));
    assert_eq!(to[3].0, "secretariat@opcc.example");
    assert_eq!(to[3].1, "Scrutineer weekly digest: 2 overdue, 1 due soon");
    let overdue = received
        .iter()
        .find(|m| m.data.contains("002 is overdue"))
        .unwrap();
    assert!(overdue.data.contains("https://scrutineer.example/actions/"));
    // A restart (another run, the same day or the next) sends nothing again.
    let again = reminders::run_once(&other, &mailer, &settings, today)
        .await
        .unwrap();
    assert_eq!((again.sent, again.failed), (0, 0));
    assert_eq!(smtp.received().len(), 4);
    other.close().await;
}
