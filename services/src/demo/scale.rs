//! A large, realistic data set for measuring Scrutineer at scale (`scrutineer demo
//! --actions 50000`): ten years of monthly meetings of each board, questions with answers,
//! and actions with their responses, assessments, extensions and timelines, in the states
//! an action log of that age holds — mostly closed when long past due, some still overdue,
//! recent ones open or awaiting judgement.
//!
//! Rows are written straight into the tables, many per statement, inside transactions of
//! a few thousand: the services' one-action-at-a-time path would take hours at this size.
//! The same random seed gives the same data set.

use crate::db::codec::{day_text, Day};
use chrono::{Datelike, Days, NaiveDate};
use domain::Step;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::AnyConnection;

use crate::audit::{self, Actor, Change};
use crate::common::london;
use crate::{Db, Error, Result};

/// What was generated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    pub meetings: usize,
    pub questions: usize,
    pub actions: usize,
    pub timeline_entries: usize,
}

#[derive(Clone)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

fn int(n: i64) -> Value {
    Value::Int(Some(n))
}

fn text(t: impl Into<String>) -> Value {
    Value::Text(Some(t.into()))
}

/// Inserts `rows` into `table`, a few hundred per statement.
async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value>],
) -> Result<()> {
    let per_statement = (4000 / columns.len()).max(1);
    for chunk in rows.chunks(per_statement) {
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..columns.len() {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                sql.push_str(&format!("${n}"));
            }
            sql.push(')');
        }
        let mut query = sqlx::query(&sql);
        for row in chunk {
            for value in row {
                query = match value {
                    Value::Int(v) => query.bind(*v),
                    Value::Text(v) => query.bind(v.clone()),
                };
            }
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

const THEMES: &[(&str, &[&str])] = &[
    (
        "Stop and search",
        &[
            "Provide the quarterly analysis of stop and search disproportionality by ethnicity",
            "Share the community scrutiny panel's review of body-worn video of searches",
            "Explain the fall in the find rate for drugs searches",
            "Report on the use of section 60 authorisations and their outcomes",
        ],
    ),
    (
        "Complaints",
        &[
            "Report on the backlog of complaint reviews and the plan to clear it",
            "Provide the breakdown of complaints alleging discrimination, by protected characteristic",
            "Share the lessons learned from upheld complaints this quarter",
        ],
    ),
    (
        "Use of force",
        &[
            "Provide the use of force figures by ethnicity and age",
            "Report on Taser deployments involving people in mental health crisis",
        ],
    ),
    (
        "Workforce representation",
        &[
            "Publish the workforce representation figures against the census baseline",
            "Report on the retention of officers from minority ethnic backgrounds",
            "Share the positive action plan for recruitment and progression",
        ],
    ),
    (
        "Hate crime",
        &[
            "Report on the outcomes of hate crime investigations and victim satisfaction",
            "Share the third-party reporting centres' figures",
        ],
    ),
    (
        "Custody",
        &[
            "Provide the figures on children held overnight in custody",
            "Report on the independent custody visitors' findings",
        ],
    ),
];

const OWNERS: &[(&str, &str)] = &[
    ("force", "Chief Superintendent, Equality and Inclusion"),
    ("force", "Head of Professional Standards"),
    ("force", "Director of People"),
    ("force", "Head of Criminal Justice"),
    ("opcc", "OPCC Policy Lead"),
    ("partner", "City Council Community Safety"),
];

fn day(d: NaiveDate) -> String {
    day_text(d)
}

/// Generates `actions` actions (and questions, meetings and timelines to go with them)
/// over the ten years to today, on the demo's boards. Needs the demo data set loaded.
pub async fn generate(db: &Db, actions: u32, seed: u64) -> Result<Generated> {
    let actor = Actor::command_line();
    let mut rng = StdRng::seed_from_u64(seed);
    let boards: Vec<(i64, String)> = sqlx::query_as("SELECT id, code FROM boards ORDER BY id")
        .fetch_all(db.pool())
        .await?;
    if boards.is_empty() {
        return Err(Error::invalid("demo", "Load the demo data set first"));
    }
    let topics: Vec<(String, i64)> = sqlx::query_as("SELECT name, id FROM topics")
        .fetch_all(db.pool())
        .await?;
    let topic_id = |name: &str| topics.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
    let today = london::today();
    let start = today
        .with_year(today.year() - 10)
        .unwrap_or(today)
        .with_day(1)
        .unwrap_or(today);
    let now = crate::now();
    let mut generated = Generated::default();

    // Monthly meetings of each board, held on the second Tuesday at 10:00.
    let mut tx = db.begin().await?;
    let mut meeting_rows = Vec::new();
    let mut month = start;
    while month < today {
        for (board, _) in &boards {
            let mut d = month;
            while d.weekday() != chrono::Weekday::Tue {
                d = d.succ_opt().unwrap_or(d);
            }
            let d = d.checked_add_days(Days::new(7)).unwrap_or(d);
            if d >= today {
                continue;
            }
            let mut errors = domain::FieldErrors::new();
            let starts =
                london::parse(&day(d), "10:00", "date", "time", &mut errors).unwrap_or_default();
            meeting_rows.push(vec![
                int(*board),
                int(starts),
                text("Police HQ, Committee Room 1"),
                text("held"),
                int(0),
                int(now),
                int(now),
            ]);
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(today);
    }
    insert_rows(
        &mut tx,
        "meetings",
        &[
            "board_id",
            "starts_at",
            "location",
            "status",
            "published",
            "created_at",
            "updated_at",
        ],
        &meeting_rows,
    )
    .await?;
    generated.meetings = meeting_rows.len();
    tx.commit().await?;
    let meetings: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT id, board_id, starts_at FROM meetings ORDER BY starts_at")
            .fetch_all(db.pool())
            .await?;
    let meetings = meetings
        .into_iter()
        .map(|(id, board, starts)| {
            let date = Day::parse(&london::show(starts).date).map_err(anyhow::Error::new)?;
            Ok((id, board, date))
        })
        .collect::<Result<Vec<_>>>()?;
    let past: Vec<_> = meetings
        .iter()
        .filter(|(_, _, d)| *d < today)
        .cloned()
        .collect();
    if past.is_empty() {
        return Err(Error::invalid(
            "demo",
            "No past meetings to hang actions on",
        ));
    }

    // Actions, numbered per board and year after those that exist.
    let counted: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT board_id, year, last FROM action_counters")
            .fetch_all(db.pool())
            .await?;
    let mut counters: Vec<((i64, i32), i64)> = counted
        .into_iter()
        .map(|(board, year, last)| ((board, year as i32), last))
        .collect();
    let first_id: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) AS n FROM actions")
        .fetch_one(db.pool())
        .await?;
    let batch = 2000usize;
    let mut next_id = first_id;
    for chunk_start in (0..actions as usize).step_by(batch) {
        let count = batch.min(actions as usize - chunk_start);
        let mut action_rows = Vec::with_capacity(count);
        let mut timeline_rows = Vec::new();
        for n in 0..count {
            // Spread evenly over the meetings, oldest first, so every year has its share.
            let (meeting, board, met_on) = past[(chunk_start + n) * past.len() / actions as usize];
            let code = &boards
                .iter()
                .find(|(id, _)| *id == board)
                .map(|(_, c)| c.clone())
                .unwrap_or_default();
            let year = met_on.year();
            let number = match counters.iter_mut().find(|(key, _)| *key == (board, year)) {
                Some((_, last)) => {
                    *last += 1;
                    *last
                }
                None => {
                    counters.push(((board, year), 1));
                    1
                }
            };
            let (theme, texts) = THEMES[rng.gen_range(0..THEMES.len())];
            let what = texts[rng.gen_range(0..texts.len())];
            let (owner, owner_name) = OWNERS[rng.gen_range(0..OWNERS.len())];
            let original = met_on
                .checked_add_days(Days::new(rng.gen_range(14..90)))
                .unwrap_or(met_on);
            let extended = rng.gen_bool(0.1);
            let due = if extended {
                original
                    .checked_add_days(Days::new(rng.gen_range(14..60)))
                    .unwrap_or(original)
            } else {
                original
            };
            let age = (today - due).num_days();
            let roll: f64 = rng.gen();
            let status = if age > 60 {
                if roll < 0.85 {
                    "closed"
                } else if roll < 0.92 {
                    "withdrawn"
                } else if roll < 0.97 {
                    "open"
                } else {
                    "further_information_requested"
                }
            } else if age > 0 {
                if roll < 0.5 {
                    "closed"
                } else if roll < 0.75 {
                    "response_submitted"
                } else {
                    "open"
                }
            } else if roll < 0.6 {
                "open"
            } else if roll < 0.85 {
                "response_submitted"
            } else {
                "closed"
            };
            next_id += 1;
            let created = london::start_of_year(year).max(0)
                + i64::from(met_on.ordinal0()) * 86_400
                + 15 * 3600;
            let priority = ["high", "medium", "low"][rng.gen_range(0..3)];
            action_rows.push(vec![
                int(next_id),
                int(board),
                int(i64::from(year)),
                int(number),
                text(format!("{code}/{year}/{number:03}")),
                text(what),
                int(topic_id(theme).unwrap_or(1)),
                text("meeting"),
                int(meeting),
                text(owner),
                text(owner_name),
                text(priority),
                text(status),
                text(day(due)),
                text(day(original)),
                int(i64::from(rng.gen_bool(0.3))),
                int(created),
                int(created),
                Value::Int((status == "closed").then_some(created + age.max(1) * 86_400)),
            ]);
            let mut entry = |kind: Step, body: &str, at: i64, who: &str, status: &str| {
                timeline_rows.push(vec![
                    text("action"),
                    int(next_id),
                    int(at),
                    text(who),
                    text(kind.as_str()),
                    text(body),
                    text(status),
                ]);
            };
            entry(Step::Created, "", created, "Board secretary", "open");
            if extended {
                entry(
                    Step::ExtensionApproved,
                    "Agreed at the board.",
                    created + 20 * 86_400,
                    "The Commissioner",
                    "open",
                );
            }
            if matches!(
                status,
                "closed" | "response_submitted" | "further_information_requested"
            ) {
                entry(
                    Step::Response,
                    "The force's update is attached to the tracker.",
                    created + 30 * 86_400,
                    "Force liaison",
                    "response_submitted",
                );
            }
            match status {
                "closed" => entry(
                    Step::Accepted,
                    "Assured.",
                    created + 40 * 86_400,
                    "The Commissioner",
                    "closed",
                ),
                "further_information_requested" => entry(
                    Step::FurtherInformationRequested,
                    "Please provide the figures by ethnicity.",
                    created + 40 * 86_400,
                    "The Commissioner",
                    status,
                ),
                "withdrawn" => entry(
                    Step::Withdrawn,
                    "Superseded by a later action.",
                    created + 40 * 86_400,
                    "Board secretary",
                    "withdrawn",
                ),
                _ => {}
            }
        }
        let mut tx = db.begin().await?;
        insert_rows(
            &mut tx,
            "actions",
            &[
                "id",
                "board_id",
                "year",
                "number",
                "reference",
                "text",
                "topic_id",
                "origin",
                "meeting_id",
                "owner",
                "owner_name",
                "priority",
                "status",
                "due_on",
                "original_due_on",
                "published",
                "created_at",
                "updated_at",
                "closed_at",
            ],
            &action_rows,
        )
        .await?;
        insert_rows(
            &mut tx,
            "timeline_entries",
            &[
                "subject",
                "subject_id",
                "at",
                "actor_name",
                "kind",
                "body",
                "status",
            ],
            &timeline_rows,
        )
        .await?;
        tx.commit().await?;
        generated.actions += action_rows.len();
        generated.timeline_entries += timeline_rows.len();
    }

    // Questions: one for every ten actions, answered and judged unless recent.
    let mut question_rows = Vec::new();
    for n in 0..(actions / 10) as usize {
        let (meeting, board, met_on) = past[n * past.len() / (actions as usize / 10).max(1)];
        let (theme, texts) = THEMES[rng.gen_range(0..THEMES.len())];
        let asked = met_on.checked_sub_days(Days::new(14)).unwrap_or(met_on);
        let due = asked.checked_add_days(Days::new(14)).unwrap_or(asked);
        let answered = due < today && rng.gen_bool(0.95);
        let status = if !answered {
            "awaiting_answer"
        } else if rng.gen_bool(0.85) {
            "satisfactory"
        } else {
            "answered"
        };
        question_rows.push(vec![
            int(board),
            int(topic_id(theme).unwrap_or(1)),
            text(format!(
                "What progress has been made? {}",
                texts[rng.gen_range(0..texts.len())]
            )),
            int(meeting),
            text(day(asked)),
            text(day(due)),
            text(status),
            text(if answered {
                "The force's answer is in the board papers."
            } else {
                ""
            }),
            int(i64::from(answered && rng.gen_bool(0.5))),
            int(now),
            int(now),
        ]);
    }
    let mut tx = db.begin().await?;
    insert_rows(
        &mut tx,
        "questions",
        &[
            "board_id",
            "topic_id",
            "text",
            "meeting_id",
            "asked_on",
            "due_on",
            "status",
            "answer",
            "published",
            "created_at",
            "updated_at",
        ],
        &question_rows,
    )
    .await?;
    generated.questions = question_rows.len();
    for ((board, year), last) in &counters {
        sqlx::query(
            "INSERT INTO action_counters (board_id, year, last) VALUES ($1, $2, $3)
             ON CONFLICT (board_id, year) DO UPDATE SET last = $3",
        )
        .bind(board)
        .bind(i64::from(*year))
        .bind(last)
        .execute(&mut *tx)
        .await?;
    }
    audit::record(
        &mut tx,
        &actor,
        Change::new("demo.generated", "actions", actions).after(&serde_json::json!({
            "meetings": generated.meetings,
            "questions": generated.questions,
            "actions": generated.actions,
            "seed": seed,
        })),
    )
    .await?;
    tx.commit().await?;
    // PostgreSQL's identity sequence must move past the ids written here.
    if db.backend() == crate::Backend::Postgres {
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('actions', 'id'), (SELECT MAX(id) FROM actions))",
        )
        .execute(db.pool())
        .await?;
    }
    Ok(generated)
}
