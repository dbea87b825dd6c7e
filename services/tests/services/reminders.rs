//! Reminder emails through a real SMTP listener started by the test: each reminder once,
//! across restarts and with two "servers" (two pools on one database) running at once; a
//! failed send is retried later. Run on SQLite and on PostgreSQL alike.

use chrono::Days;
use domain::Notice;
use domain::Role;
use services::common::mail::Mailer;
use services::common::working_days;
use services::register::actions::Assessment;
use services::register::actions::{self, ActionInput, NewAction};
use services::register::reminders::{self, Settings};
use services::work::notifications;
use services::{register::topics, Db};

use crate::support::people::{board, person};
use crate::support::smtp::SmtpListener;

on_both!(
    reminders_go_once_to_the_right_people_and_failed_ones_are_retried,
    events_email_the_people_they_give_work_once,
    contract_monitoring_is_reminded_and_recorded,
);

async fn record(
    db: &Db,
    board: i64,
    owner: &str,
    owner_user: &str,
    due_in: i64,
    text: &str,
) -> i64 {
    let today = services::common::london::today();
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
    let today = services::common::london::today();

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
    let year = services::common::london::year(services::now());
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

async fn events_email_the_people_they_give_work_once(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let board = board(db, &secretariat, "SPCB").await;
    let id = record(db, board, "force", "", 10, "Share the figures").await;
    let year = services::common::london::year(services::now());
    let waiting = |actor: &services::audit::Actor| {
        let user = actor.user_id.unwrap();
        async move { notifications::waiting_for(db, user).await.unwrap() }
    };

    // A response: the Commissioner is told; not the one who responded.
    actions::respond(db, &liaison, id, "The figures are attached.")
        .await
        .unwrap();
    assert_eq!(
        waiting(&commissioner).await,
        [(
            "response_submitted".to_owned(),
            format!("Action SPCB/{year}/001: a response awaits your assessment")
        )]
    );
    assert!(waiting(&liaison).await.is_empty());
    // Further information asked for: the force is told.
    actions::assess(
        db,
        &commissioner,
        id,
        Assessment::FurtherInformation {
            note: "By ethnic group, please.".into(),
            due_on: None,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        waiting(&liaison).await,
        [(
            "further_information".to_owned(),
            format!("Action SPCB/{year}/001: the Commissioner asks for further information")
        )]
    );
    // Each person chooses: the Commissioner turns off requests for more time.
    notifications::choose(db, &commissioner, &[Notice::ResponseSubmitted])
        .await
        .unwrap();
    assert_eq!(
        notifications::choices(db, &commissioner).await.unwrap(),
        [
            (Notice::ResponseSubmitted, true),
            (Notice::ExtensionRequested, false)
        ]
    );
    let calendar = working_days::calendar(db).await.unwrap();
    let later = services::common::london::today()
        .checked_add_days(Days::new(40))
        .unwrap()
        .format("%Y-%m-%d")
        .to_string();
    actions::request_extension(
        db,
        &liaison,
        id,
        "Audit first",
        &later,
        services::common::london::today(),
        &calendar,
    )
    .await
    .unwrap();
    assert_eq!(
        waiting(&commissioner).await.len(),
        1,
        "no email they turned off"
    );

    // Sent once, by two servers at once, with a link to the record.
    let smtp = SmtpListener::start().await;
    let mailer = Mailer::new(&smtp.url, "Scrutineer <scrutineer@opcc.example>").unwrap();
    let other = db.another_pool().await;
    let (first, second) = tokio::join!(
        notifications::send_pending(db, &mailer, "https://scrutineer.example"),
        notifications::send_pending(&other, &mailer, "https://scrutineer.example"),
    );
    let (first, second) = (first.unwrap(), second.unwrap());
    assert_eq!(first.0 + second.0, 2, "{first:?} {second:?}");
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    let to_commissioner = received
        .iter()
        .find(|m| m.to.iter().any(|t| t == "commissioner@opcc.example"))
        .unwrap();
    assert!(to_commissioner
        .data
        .contains(&format!("https://scrutineer.example/actions/{id}")));
    assert!(to_commissioner.data.contains("The figures are attached."));
    assert!(waiting(&commissioner).await.is_empty());
    let again = notifications::send_pending(&other, &mailer, "https://scrutineer.example")
        .await
        .unwrap();
    assert_eq!(again, (0, 0));
    other.close().await;
}

/// A contract's monitoring returns: checked when the contract is added, reminded to the
/// secretariat when due soon or overdue (once each), gone from the reminders once received.
async fn contract_monitoring_is_reminded_and_recorded(db: &Db) {
    use crate::support::people::field;
    use services::equality::contracts::{self, NewContract};
    let secretariat = person(db, Role::Secretariat).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let today = services::common::london::today();
    let day = |days: i64| {
        (today + chrono::Duration::days(days))
            .format("%Y-%m-%d")
            .to_string()
    };
    // Refused whole: a bad value, an end before the start, a return outside the period.
    let e = NewContract::parse(
        "grant",
        "Victim services",
        "Safer Lives",
        "£twelve",
        &day(-100),
        &day(-200),
        "Monitor",
        "Lead",
        "",
    )
    .unwrap_err();
    let services::Error::Invalid(errors) = e else {
        panic!()
    };
    assert!(errors.get("value").is_some() && errors.get("ends_on").is_some());
    let e = NewContract::parse(
        "contract",
        "Interpreting",
        "Words Ltd",
        "£10,000",
        &day(-100),
        &day(100),
        "Monitor",
        "Lead",
        &day(400),
    )
    .unwrap_err();
    assert!(field(e, "monitoring").contains("outside the contract's period"));
    let new = NewContract::parse(
        "contract",
        "Independent sexual violence advisers",
        "Safer Lives CIC",
        "£125,000.50",
        &day(-200),
        &day(165),
        "Equality monitoring of who uses the service, by every protected characteristic.",
        "Head of Commissioning",
        &format!("{}\n{}, {}", day(-10), day(3), day(120)),
    )
    .unwrap();
    assert!(matches!(
        contracts::add(db, &liaison, new.clone()).await,
        Err(services::Error::Forbidden)
    ));
    let id = contracts::add(db, &secretariat, new).await.unwrap();
    let c = contracts::get(db, &secretariat, id, today).await.unwrap();
    assert_eq!(c.value, "£125,000.50");
    let states: Vec<_> = c.monitoring.iter().map(|m| m.state).collect();
    use domain::equality::MonitoringState::{DueSoon, Later, Overdue, Received};
    assert_eq!(states, [Overdue, DueSoon, Later]);

    let smtp = SmtpListener::start().await;
    let mailer = Mailer::new(&smtp.url, "Scrutineer <scrutineer@opcc.example>").unwrap();
    let settings = Settings {
        days_before: 7,
        base_url: "https://scrutineer.example".to_owned(),
    };
    reminders::run_once(db, &mailer, &settings, today)
        .await
        .unwrap();
    let subjects = |smtp: &SmtpListener| {
        let mut subjects: Vec<String> = smtp
            .received()
            .iter()
            .filter(|m| m.to == ["secretariat@opcc.example"])
            .filter_map(|m| {
                m.data
                    .lines()
                    .find_map(|l| l.strip_prefix("Subject: "))
                    .map(str::to_owned)
            })
            .filter(|s| s.starts_with("Equality monitoring"))
            .collect();
        subjects.sort();
        subjects
    };
    // (A long subject is folded onto a second header line: its start is compared.)
    let sent = subjects(&smtp);
    assert_eq!(sent.len(), 2, "{sent:?}");
    let weekday = services::common::london::long_date_of(&day(3));
    let weekday = weekday.split(' ').next().unwrap();
    assert!(
        sent[0].starts_with(&format!(
            "Equality monitoring from Safer Lives CIC is due on {weekday}"
        )),
        "{sent:?}"
    );
    assert_eq!(
        sent[1],
        "Equality monitoring from Safer Lives CIC is overdue"
    );
    // Received: the overdue return is recorded, and no longer reminded or due.
    let e = contracts::record_return(db, &secretariat, id, &day(-10), &day(1), "x", "on_track")
        .await
        .unwrap_err();
    assert!(field(e, "received_on").contains("future"));
    contracts::record_return(
        db,
        &secretariat,
        id,
        &day(-10),
        &day(0),
        "Monitoring data by **age and ethnicity**.",
        "at_risk",
    )
    .await
    .unwrap();
    let e = contracts::record_return(
        db,
        &secretariat,
        id,
        &day(-10),
        &day(0),
        "Again",
        "on_track",
    )
    .await
    .unwrap_err();
    assert!(field(e, "return_due").contains("already received"));
    let c = contracts::get(db, &secretariat, id, today).await.unwrap();
    assert_eq!(c.monitoring[0].state, Received);
    assert_eq!(c.rating, Some(domain::equality::Rating::AtRisk));
    let due = contracts::due(db, today).await.unwrap();
    assert_eq!(
        due.iter().map(|d| d.due_on.clone()).collect::<Vec<_>>(),
        [day(3)]
    );
    let again = reminders::run_once(db, &mailer, &settings, today)
        .await
        .unwrap();
    assert_eq!(again.sent, 0, "each reminder once");
    // A second date, and no two returns on one day.
    contracts::add_due(db, &secretariat, id, &day(150))
        .await
        .unwrap();
    let e = contracts::add_due(db, &secretariat, id, &day(150))
        .await
        .unwrap_err();
    assert!(field(e, "due_on").contains("already due"));
    // The year's report names the contract among those monitored.
    let year = services::equality::financial_year_of(today + chrono::Duration::days(3));
    let report = services::equality::report::report(db, &secretariat, year)
        .await
        .unwrap();
    assert!(report.contracts.iter().any(|c| c.id == id));
}
