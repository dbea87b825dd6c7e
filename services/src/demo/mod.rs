//! A demo data set drawn from the seed documents (a PCC's equality policy and equality
//! objectives): the boards they name and one account for each role, with passwords made
//! up now and shown once.

mod equality;
mod evidence;
pub mod scale;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::{DisplayName, Email, NewPassword, Role};
use rand::RngCore;

use crate::accounts::users::{self, NewUser};
use crate::audit::Actor;
use crate::common::working_days;
use crate::meetings::agenda::{self, ItemDetails};
use crate::meetings::boards::{self, NewBoard, NewMember};
use crate::meetings::meeting::{self, MeetingDetails};
use crate::meetings::minutes::{self, MinutesBody};
use crate::register::actions::{self, ActionInput, NewAction};
use crate::register::owner_titles;
use crate::register::questions::{self, NewQuestion, QuestionInput};
use crate::register::Subject;
use crate::{register::topics, Db, Error, Result};

pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub password: String,
}

const BOARDS: [(&str, &str, &str); 2] = [
    (
        "SPCB",
        "Strategic Policing and Crime Board",
        "Supports the Police and Crime Commissioner in holding the Chief Constable to account, \
         including for the force's duties on equality and diversity. Members, staff and \
         volunteers abide by the PCC's equality policy.",
    ),
    (
        "AAB",
        "Accountability and Assurance Board",
        "Thematic sessions in which the Commissioner seeks assurance on the force's progress \
         against the equality objectives: Our Communities, Our Organisation, Our Partners.",
    ),
];

const PEOPLE: [(&str, &str, Role); 4] = [
    ("admin@opcc.example", "Alex Admin", Role::Admin),
    (
        "secretariat@opcc.example",
        "Sam Secretary",
        Role::Secretariat,
    ),
    (
        "commissioner@opcc.example",
        "Chris Commissioner",
        Role::Commissioner,
    ),
    ("liaison@force.example", "Farah Liaison", Role::ForceLiaison),
];

fn new_password() -> String {
    let mut bytes = [0u8; 15];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Loads the demo data once; a second run is refused rather than half-applied.
pub async fn load(db: &Db) -> Result<Vec<DemoAccount>> {
    let actor = Actor::command_line();
    let existing = boards::list(db).await?;
    if existing.iter().any(|b| b.code == BOARDS[0].0) {
        return Err(Error::invalid(
            "demo",
            "The demo data set is already loaded",
        ));
    }
    let mut board_ids = Vec::new();
    for (code, name, description) in BOARDS {
        let board = boards::create(db, &actor, NewBoard::parse(code, name, description)?).await?;
        board_ids.push(board.id);
    }
    let mut accounts = Vec::new();
    let mut commissioner = None;
    for (email, name, role) in PEOPLE {
        let password = new_password();
        let user = NewUser {
            email: Email::parse(email).map_err(|m| Error::invalid("email", m))?,
            display_name: DisplayName::parse(name)
                .map_err(|m| Error::invalid("display_name", m))?,
            role,
            password: NewPassword::parse(&password).map_err(|m| Error::invalid("password", m))?,
        };
        let created = users::create(db, &actor, user, "").await?;
        if role == Role::Commissioner {
            commissioner = Some(created.id.0);
        }
        accounts.push(DemoAccount {
            email: email.to_owned(),
            role,
            password,
        });
    }
    // The titles this force's minutes use beyond those every force has (migration 0024).
    for (title, owner) in DEMO_TITLES {
        owner_titles::add(db, &actor, title, owner).await?;
    }
    let first = meetings_and_minutes(db, &actor, board_ids[0], board_ids[1], commissioner).await?;
    register(db, &actor, board_ids[0], first).await?;
    Ok(accounts)
}

const DEMO_TITLES: [(&str, &str); 4] = [
    ("Director of People", "force"),
    ("Head of Corporate Communications", "force"),
    ("Community Scrutiny Panel", "partner"),
    ("Independent Advisory Group", "partner"),
];

const MINUTES: &str = "\
## 1. Review of Action Tracker

The board reviewed the action tracker. The force's updates were received on time.

## 2. Stop and search: disproportionality

The force presented the quarter's data. Black people were stopped at a higher rate than \
white people; the Commissioner asked what explains the difference and what the force is doing.

| Measure | This quarter | Last quarter |
|---|---|---|
| Searches | 1,204 | 1,187 |
| Find rate | 31% | 29% |

- The force to share its analysis of the reasons for the disparity.
- Body-worn video to be reviewed by the community scrutiny panel.

## 3. Workforce representation

The board noted progress against the objective *Our Organisation*.

## 4. Summary of actions arising

- [x] Analysis of disparity requested
- [ ] Scrutiny panel review to be scheduled
";

/// A meeting series from the seed documents: a past meeting with published minutes (the
/// first meeting, so that `/meetings/1` and `/public/meetings/1` exist), a later one whose
/// minutes are a draft, and upcoming ones.
async fn meetings_and_minutes(
    db: &Db,
    actor: &Actor,
    spcb: i64,
    aab: i64,
    commissioner: Option<i64>,
) -> Result<i64> {
    let now = crate::now();
    let at = |days: i64, status: &str| {
        let day = crate::common::london::show(now + days * 24 * 60 * 60);
        MeetingDetails::parse(
            &day.date,
            "10:00",
            "Police HQ, Lloyd House, Committee Room 1",
            "",
            status,
            now,
        )
    };
    if let Some(user) = commissioner {
        boards::add_member(
            db,
            actor,
            spcb,
            NewMember::parse(&user.to_string(), "", "OPCC", "Chair")?,
        )
        .await?;
    }
    boards::add_member(
        db,
        actor,
        spcb,
        NewMember::parse("", "Chief Constable", "West Midlands Police", "")?,
    )
    .await?;
    boards::add_member(
        db,
        actor,
        spcb,
        NewMember::parse(
            "",
            "Dr Amina Khan",
            "Independent Advisory Group",
            "Independent member",
        )?,
    )
    .await?;

    let first = meeting::create(db, actor, spcb, at(-60, "held")?).await?;
    let second = meeting::create(db, actor, spcb, at(-30, "held")?).await?;
    let next = meeting::create(db, actor, spcb, at(21, "scheduled")?).await?;
    meeting::create(db, actor, aab, at(42, "scheduled")?).await?;
    for meeting in [first, second, next] {
        for (title, lead, purpose) in [
            ("Review of Action Tracker", "OPCC", "assurance"),
            (
                "Stop and search: disproportionality",
                "Chief Constable",
                "assurance",
            ),
            (
                "Workforce representation",
                "Director of People",
                "information",
            ),
            (
                "Summary of actions arising",
                "Board secretary",
                "information",
            ),
        ] {
            agenda::add(
                db,
                actor,
                meeting,
                ItemDetails::parse(title, lead, purpose, "")?,
            )
            .await?;
        }
    }
    minutes::save(db, actor, first, 0, MinutesBody::parse(MINUTES).await?, "").await?;
    minutes::submit(db, actor, first).await?;
    minutes::approve(db, actor, first, &second.to_string()).await?;
    minutes::publish(db, actor, first).await?;
    let draft = MINUTES.replace("higher rate", "higher rate (draft, to be checked)");
    minutes::save(db, actor, second, 0, MinutesBody::parse(&draft).await?, "").await?;
    meeting::set_published(db, actor, next, true).await?;
    Ok(first)
}

/// Questions and actions from the first meeting: question 1 answered and published,
/// question 2 a draft; action 1 (the force's, published) due soon, action 2 overdue,
/// action 3 the OPCC's, action 4 closed and published.
async fn register(db: &Db, actor: &Actor, spcb: i64, meeting: i64) -> Result<()> {
    let topics = topics::list(db).await?;
    let calendar = working_days::calendar(db).await?;
    let today = crate::common::london::today();
    let (board, topic, meeting_id) = (
        spcb.to_string(),
        topics[0].id.to_string(),
        meeting.to_string(),
    );
    let question = |text: &'static str, context: &'static str| QuestionInput {
        board: &board,
        topic: &topic,
        text,
        context,
        meeting: &meeting_id,
        due: "10 working days",
        ..Default::default()
    };
    let asked = questions::create(
        db,
        actor,
        NewQuestion::parse(
            &question(
                "What explains the higher rate at which Black people are stopped and searched, and what is the force doing about it?",
                "Black people were searched at several times the rate of White people this quarter (see the minutes).",
            ),
            &topics,
            today,
            &calendar,
        )?,
        true,
    )
    .await?;
    questions::answer(
        db,
        actor,
        asked,
        "The force has commissioned an analysis of the reasons. Early findings:\n\n\
         - searches under operations targeting knife crime account for most of the difference;\n\
         - the find rate is the same for every ethnic group.",
    )
    .await?;
    questions::assess_with(
        db,
        actor,
        asked,
        "satisfactory",
        "The answer explains where the difference arises, not why.",
        crate::equality::Assured::parse(
            "partly_assured",
            "The find rate is the same for every group, but the reasons for the disparity await the force's full analysis.",
        )?,
    )
    .await?;
    questions::set_published(db, actor, asked, true).await?;
    publish_words(db, actor, Subject::Question, asked).await?;
    evidence::load(db, actor, today, asked).await?;
    questions::create(
        db,
        actor,
        NewQuestion::parse(
            &question(
                "How many officers from minority ethnic backgrounds left the force this year, and why?",
                "",
            ),
            &topics,
            today,
            &calendar,
        )?,
        false,
    )
    .await?;
    let action = |text: &'static str, owner: &'static str, due: String| {
        let (board, topic, meeting_id) = (board.clone(), topic.clone(), meeting_id.clone());
        let (topics, calendar) = (&topics, &calendar);
        async move {
            let input = ActionInput {
                board: &board,
                text,
                topic: &topic,
                meeting: &meeting_id,
                owner,
                owner_name: if owner == "force" {
                    "Chief Superintendent, Equality and Inclusion"
                } else {
                    "OPCC Policy Lead"
                },
                priority: "high",
                due: &due,
                ..Default::default()
            };
            actions::create(
                db,
                actor,
                NewAction::parse(&input, topics, today, calendar)?,
            )
            .await
        }
    };
    let day = |days: i64| {
        crate::db::codec::day_text(crate::common::london::today() + chrono::Duration::days(days))
    };
    let (shared, _) = action(
        "Share the analysis of the reasons for the disparity in stop and search",
        "force",
        "5 working days".to_owned(),
    )
    .await?;
    actions::set_published(db, actor, shared, true).await?;
    action(
        "Arrange for the community scrutiny panel to review body-worn video of searches",
        "force",
        day(-5),
    )
    .await?;
    action(
        "Write to the IOPC about the complaints review backlog",
        "opcc",
        day(30),
    )
    .await?;
    let (closed, _) = action(
        "Publish the workforce representation figures by ethnicity",
        "force",
        day(-20),
    )
    .await?;
    // Sent by email and recorded by the office: the public reads it as the force's words.
    let received = (today - chrono::Days::new(3))
        .format("%-d/%-m/%Y")
        .to_string();
    actions::record_response(
        db,
        actor,
        closed,
        &actions::ResponseInput {
            text: "Published on the force website: [figures](https://force.example/workforce).",
            received_on: &received,
            channel: "email",
        },
    )
    .await?;
    actions::assess_with(
        db,
        actor,
        closed,
        actions::Assessment::Accept {
            note: "Assured.".to_owned(),
        },
        crate::equality::Assured::parse(
            "assured",
            "The figures are published by ethnicity, rank and role, with last year's beside them.",
        )?,
        None,
    )
    .await?;
    publish_words(db, actor, Subject::Action, closed).await?;
    equality::load(db, actor, asked, shared, closed).await?;
    // The public record shows delivery: what was asked, the force's response, the judgement.
    actions::set_published(db, actor, closed, true).await?;
    Ok(())
}

/// The office chose to publish the latest response or answer on a record as written.
async fn publish_words(db: &Db, actor: &Actor, subject: Subject, id: i64) -> Result<()> {
    if let Some(entry) = crate::register::words::latest(db, subject, id).await? {
        crate::register::words::choose(db, actor, entry, "written", "").await?;
    }
    Ok(())
}
