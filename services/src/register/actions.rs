//! Actions: what the Chief Constable's force (or the OPCC, or a partner) must do, by when,
//! with a reference such as `SPCB/2026/014`, and the workflow that judges it done:
//!
//! ```text
//! open ──respond──▶ response submitted ──accept──▶ closed
//!   ▲                    │
//!   └─ (respond) ── further information requested ◀──request further information
//! any open state ──withdraw (with reason)──▶ withdrawn
//! ```
//!
//! Who may do what is decided here, on the server, by role and by ownership: force liaison
//! users see and respond only to actions the force owns (any other action is "not found"
//! to them), commissioners assess and decide extensions, the secretariat records. Every
//! change writes a timeline entry and an audit event in the same transaction.

use chrono::NaiveDate;
use domain::{
    ActionPermissions, ActionRef, ActionStatus, ActionSummary, ActionView, Deadlines, DueState,
    ExtensionStatus, ExtensionView, FieldErrors, Origin, Owner, Priority, PublicActionView,
    RegisterCounts, RegisterFilter, RegisterPage, Role, Topic,
};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{self, Actor, Change};
use crate::db::form::{page_of, page_within, text_field};
use crate::db::Backend;
use crate::register::timeline::{self, Entry, Subject};
use crate::register::working_days::Calendar;
use crate::visibility::{self, Audience};
use crate::{
    london, markdown, meetings::boards, register::due_dates, register::references,
    register::topics, stored, work::search, Db, Error, Result,
};

/// May record actions and questions, and withdraw them.
pub const RECORDERS: &[Role] = visibility::roles::OFFICE;
/// May edit an action's details.
pub const EDITORS: &[Role] = visibility::roles::EDITORS;
/// Judge responses and decide extension requests: the Commissioner's office.
pub const ASSESSORS: &[Role] = visibility::roles::ASSESSORS;
/// Rows per page of the register.
pub const PAGE_SIZE: u32 = 50;
/// The longest response, reason or note, in characters.
pub const MAX_NOTE: usize = 20_000;

/// Today, and how many days ahead count as "due soon" (today included).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub today: NaiveDate,
    pub soon_days: u32,
}

impl Window {
    pub fn now(soon_days: u32) -> Window {
        Window {
            today: london::today(),
            soon_days,
        }
    }

    pub(crate) fn today(&self) -> String {
        self.today.format("%Y-%m-%d").to_string()
    }

    pub(crate) fn soon_until(&self) -> String {
        self.today
            .checked_add_days(chrono::Days::new(u64::from(self.soon_days)))
            .unwrap_or(self.today)
            .format("%Y-%m-%d")
            .to_string()
    }

    /// How a deadline on `due_on` stands, if something is owed (`awaiting`).
    pub(crate) fn derive(&self, awaiting: bool, due_on: &str) -> DueState {
        DueState::derive(awaiting, due_on, &self.today(), &self.soon_until())
    }
}

/// An action's form as posted; ids are text, as forms send them. Empty means "none".
#[derive(Debug, Clone, Default)]
pub struct ActionInput<'a> {
    pub board: &'a str,
    pub text: &'a str,
    pub topic: &'a str,
    pub meeting: &'a str,
    pub agenda_item: &'a str,
    pub question: &'a str,
    pub owner: &'a str,
    pub owner_name: &'a str,
    pub owner_user: &'a str,
    pub priority: &'a str,
    pub due: &'a str,
    pub published: bool,
    /// Ask before saving a due date that has passed or is not a working day (a form sets
    /// this until the person ticks "keep it"; `due_dates::doubt`).
    pub check_due: bool,
}

/// An action ready to record; links to the board, meeting, item, question and person are
/// checked against the database when it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NewAction {
    pub board_id: i64,
    pub text: String,
    pub topic_id: i64,
    pub meeting_id: Option<i64>,
    pub agenda_item_id: Option<i64>,
    pub question_id: Option<i64>,
    pub owner: Owner,
    pub owner_name: String,
    pub owner_user_id: Option<i64>,
    pub priority: Priority,
    pub due_on: NaiveDate,
    pub published: bool,
}

fn optional_id(errors: &mut FieldErrors, field: &str, text: &str, message: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(id) if id > 0 => Some(id),
        _ => {
            errors.add(field, message);
            None
        }
    }
}

impl NewAction {
    pub fn parse(
        input: &ActionInput<'_>,
        topics: &[Topic],
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<NewAction> {
        let mut errors = FieldErrors::new();
        let board = optional_id(&mut errors, "board", input.board, "Choose a board");
        if board.is_none() && input.board.trim().is_empty() {
            errors.add("board", "Choose a board");
        }
        let text = text_field(
            &mut errors,
            "text",
            input.text,
            Some("Enter what must be done"),
            2000,
            "The action",
        );
        let topic = topics::choose(topics, input.topic, &mut errors);
        let meeting = optional_id(&mut errors, "meeting", input.meeting, "Choose a meeting");
        let agenda_item = optional_id(
            &mut errors,
            "agenda_item",
            input.agenda_item,
            "Choose an agenda item",
        );
        let question = optional_id(&mut errors, "question", input.question, "Choose a question");
        let owner = errors.check("owner", Owner::parse(input.owner));
        let owner_name = text_field(
            &mut errors,
            "owner_name",
            input.owner_name,
            Some("Enter the name of the person or team who owns the action"),
            200,
            "The owner's name",
        );
        let owner_user = optional_id(
            &mut errors,
            "owner_user",
            input.owner_user,
            "Choose a person, or leave it empty",
        );
        let priority = errors.check("priority", Priority::parse(input.priority));
        let due = errors.check("due", due_dates::parse(input.due, today, calendar));
        if let Some(doubt) = due
            .filter(|_| input.check_due)
            .and_then(|day| due_dates::doubt_to_confirm(day, today, calendar))
        {
            errors.add(due_dates::CONFIRM_FIELD, doubt);
        }
        if agenda_item.is_some() && meeting.is_none() && input.meeting.trim().is_empty() {
            errors.add(
                "meeting",
                "Choose the meeting the agenda item belongs to, or no agenda item",
            );
        }
        errors.into_result()?;
        match (board, topic, owner, priority, due) {
            (Some(board_id), Some(topic_id), Some(owner), Some(priority), Some(due_on)) => {
                Ok(NewAction {
                    board_id,
                    text,
                    topic_id,
                    meeting_id: meeting,
                    agenda_item_id: agenda_item,
                    question_id: question,
                    owner,
                    owner_name,
                    owner_user_id: owner_user,
                    priority,
                    due_on,
                    published: input.published,
                })
            }
            _ => Err(Error::invalid("text", "Check the action's details")),
        }
    }

    fn origin(&self) -> Origin {
        if self.meeting_id.is_some() {
            Origin::Meeting
        } else if self.question_id.is_some() {
            Origin::Question
        } else {
            Origin::Standalone
        }
    }
}

/// A response, reason or note: required Markdown within [`MAX_NOTE`] characters and within
/// the Markdown limits (checked, not rendered: rendering waits for a reader).
pub fn note(field: &str, text: &str, required: &str) -> Result<String> {
    let mut errors = FieldErrors::new();
    let text = check_note(&mut errors, field, text, Some(required));
    errors.into_result()?;
    Ok(text)
}

/// [`note`] collecting its problem into `errors`; `required: None` allows a blank.
pub(crate) fn check_note(
    errors: &mut FieldErrors,
    field: &str,
    text: &str,
    required: Option<&str>,
) -> String {
    let text = text_field(errors, field, text, required, MAX_NOTE, "The text");
    if errors.get(field).is_none() {
        if let Err(e) = markdown::check(&text) {
            errors.add(field, e.to_string());
        }
    }
    text
}

/// The one column (named `parent`) that `sql` selects for row `id`, such as a meeting's
/// board; `None` if there is no such row.
pub(crate) async fn parent(conn: &mut AnyConnection, sql: &str, id: i64) -> Result<Option<i64>> {
    Ok(sqlx::query(sql)
        .bind(id)
        .fetch_optional(conn)
        .await?
        .map(|r| r.try_get("parent"))
        .transpose()?)
}

pub(crate) const MEETING_BOARD: &str = "SELECT board_id AS parent FROM meetings WHERE id = $1";

/// Checks that the records `new` links to exist and belong together.
async fn check_links(conn: &mut AnyConnection, new: &NewAction) -> Result<()> {
    if let Some(meeting) = new.meeting_id {
        if parent(&mut *conn, MEETING_BOARD, meeting).await? != Some(new.board_id) {
            return Err(Error::invalid(
                "meeting",
                "Choose a meeting of the action's board",
            ));
        }
    }
    if let Some(item) = new.agenda_item_id {
        let meeting = parent(
            &mut *conn,
            "SELECT meeting_id AS parent FROM agenda_items WHERE id = $1",
            item,
        )
        .await?;
        if meeting.is_none() || meeting != new.meeting_id {
            return Err(Error::invalid(
                "agenda_item",
                "Choose an item on the agenda of the chosen meeting",
            ));
        }
    }
    if let Some(question) = new.question_id {
        let board = parent(
            &mut *conn,
            "SELECT board_id AS parent FROM questions WHERE id = $1",
            question,
        )
        .await?;
        if board != Some(new.board_id) {
            return Err(Error::invalid(
                "question",
                "Choose a question put at the action's board",
            ));
        }
    }
    if let Some(user) = new.owner_user_id {
        let row = sqlx::query("SELECT role, active FROM users WHERE id = $1")
            .bind(user)
            .fetch_optional(&mut *conn)
            .await?;
        let fits = match row {
            Some(row) => {
                let role: String = row.try_get("role")?;
                let active = row.try_get::<i64, _>("active")? == 1;
                let force = role == Role::ForceLiaison.as_str();
                active
                    && match new.owner {
                        Owner::Force => force,
                        Owner::Opcc => !force,
                        Owner::Partner => false,
                    }
            }
            None => false,
        };
        if !fits {
            return Err(Error::invalid(
                "owner_user",
                "Choose an active account of the owning organisation (force liaison for the force, OPCC staff for the OPCC), or leave it empty",
            ));
        }
    }
    Ok(())
}

/// Records `new` inside the caller's transaction and returns its id and reference.
/// `from_minutes` is the minutes version and the ACTION: line it came from.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    actor: &Actor,
    new: &NewAction,
    from_minutes: Option<(i64, &str)>,
) -> Result<(i64, ActionRef)> {
    let board = boards::fetch(&mut *conn, new.board_id)
        .await
        .map_err(|e| match e {
            Error::NotFound => Error::invalid("board", "Choose a board"),
            other => other,
        })?;
    check_links(&mut *conn, new).await?;
    let now = crate::now();
    let reference = references::next(&mut *conn, board.id, &board.code, london::year(now)).await?;
    let due_on = new.due_on.format("%Y-%m-%d").to_string();
    let row = sqlx::query(
        "INSERT INTO actions (board_id, year, number, reference, text, topic_id, origin, meeting_id,
             agenda_item_id, question_id, minutes_version, minutes_line, owner, owner_name,
             owner_user_id, priority, status, due_on, original_due_on, published, created_by,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'open',
             $17, $17, $18, $19, $20, $20)
         RETURNING id",
    )
    .bind(board.id)
    .bind(i64::from(reference.year()))
    .bind(i64::from(reference.number()))
    .bind(reference.to_string())
    .bind(&new.text)
    .bind(new.topic_id)
    .bind(new.origin().as_str())
    .bind(new.meeting_id)
    .bind(new.agenda_item_id)
    .bind(new.question_id)
    .bind(from_minutes.map(|(version, _)| version))
    .bind(from_minutes.map(|(_, line)| line))
    .bind(new.owner.as_str())
    .bind(&new.owner_name)
    .bind(new.owner_user_id)
    .bind(new.priority.as_str())
    .bind(&due_on)
    .bind(i64::from(new.published))
    .bind(actor.user_id.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = row.try_get("id")?;
    let kind = if from_minutes.is_some() {
        "created_from_minutes"
    } else {
        "created"
    };
    timeline::add(
        &mut *conn,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body: "",
            status: ActionStatus::Open.as_str(),
            due_on: Some(&due_on),
        },
    )
    .await?;
    // One audit name for every way an action is recorded; the minutes version says which.
    audit::record(
        &mut *conn,
        actor,
        Change::new("action.created", "action", id).after(&serde_json::json!({
            "reference": reference.to_string(),
            "details": new,
            "from_minutes_version": from_minutes.map(|(version, _)| version),
        })),
    )
    .await?;
    Ok((id, reference))
}

pub async fn create(db: &Db, actor: &Actor, new: NewAction) -> Result<(i64, ActionRef)> {
    actor.require(RECORDERS)?;
    let mut tx = db.begin().await?;
    let created = insert(&mut tx, actor, &new, None).await?;
    tx.commit().await?;
    Ok(created)
}

const COLUMNS: &str = "a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published";
pub(crate) const SUMMARY: &str =
    "SELECT a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published
    FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id";

pub(crate) fn summary(row: &AnyRow, window: &Window) -> Result<ActionSummary> {
    let status = stored(ActionStatus::parse(&row.try_get::<String, _>("status")?))?;
    let due_on: String = row.try_get("due_on")?;
    let original: String = row.try_get("original_due_on")?;
    Ok(ActionSummary {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        text: row.try_get("text")?,
        board_code: row.try_get("board_code")?,
        topic: row.try_get("topic")?,
        owner: stored(Owner::parse(&row.try_get::<String, _>("owner")?))?,
        owner_name: row.try_get("owner_name")?,
        priority: stored(Priority::parse(&row.try_get::<String, _>("priority")?))?,
        status,
        due_long: london::long_date_of(&due_on),
        due_state: window.derive(status.awaits_owner(), &due_on),
        extended: due_on != original,
        due_on,
        published: row.try_get::<i64, _>("published")? == 1,
        overdue_by: 0,
    })
}

/// Fills in how many working days each overdue action in `actions` is late by (one read of
/// the bank holidays, and only if any is overdue).
pub(crate) async fn note_lateness(
    db: &Db,
    actions: &mut [ActionSummary],
    window: &Window,
) -> Result<()> {
    if !actions.iter().any(|a| a.due_state == DueState::Overdue) {
        return Ok(());
    }
    let calendar = crate::register::working_days::calendar(db).await?;
    for action in actions
        .iter_mut()
        .filter(|a| a.due_state == DueState::Overdue)
    {
        if let Ok(due) = NaiveDate::parse_from_str(&action.due_on, "%Y-%m-%d") {
            action.overdue_by = calendar.count_between(due, window.today);
        }
    }
    Ok(())
}

/// Whether `actor` may know the action exists at all (`visibility::action`); the public
/// reads the public pages, not these.
fn may_see(actor: &Actor, owner: Owner) -> Result<()> {
    actor.require(&Role::ALL)?;
    // The published flag never widens a signed-in person's view.
    if visibility::action::check(Audience::of(actor), owner, false) {
        Ok(())
    } else {
        Err(Error::NotFound)
    }
}

/// May respond or ask for more time on behalf of the owner: force liaison for the force's
/// actions; the secretariat (recording what arrived by other means) for any.
fn speaks_for_owner(actor: &Actor, owner: Owner) -> bool {
    match actor.role {
        Some(Role::ForceLiaison) => owner == Owner::Force,
        Some(Role::Secretariat | Role::Admin) => true,
        _ => actor.require(EDITORS).is_ok(),
    }
}

struct Current {
    status: ActionStatus,
    owner: Owner,
    due_on: String,
    reference: String,
    published: bool,
}

/// Reads the action for a change, after checking that `actor` may see it, and claims it for
/// this transaction ([`timeline::claim`]): a concurrent step that read the same version is
/// refused. `field` is where a refusal shows.
async fn current(conn: &mut AnyConnection, actor: &Actor, id: i64, field: &str) -> Result<Current> {
    let row = sqlx::query(
        "SELECT status, owner, due_on, reference, published, version FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let current = Current {
        status: stored(ActionStatus::parse(&row.try_get::<String, _>("status")?))?,
        owner: stored(Owner::parse(&row.try_get::<String, _>("owner")?))?,
        due_on: row.try_get("due_on")?,
        reference: row.try_get("reference")?,
        published: row.try_get::<i64, _>("published")? == 1,
    };
    may_see(actor, current.owner)?;
    if !timeline::claim(&mut *conn, Subject::Action, id, row.try_get("version")?).await? {
        return Err(Error::invalid(
            field,
            format!(
                "Someone else changed action {} a moment ago: reload the page to see what changed, then try again",
                current.reference
            ),
        ));
    }
    Ok(current)
}

fn permissions(
    actor: &Actor,
    status: ActionStatus,
    owner: Owner,
    pending: bool,
) -> ActionPermissions {
    let speaks = speaks_for_owner(actor, owner);
    let assessor = actor.require(ASSESSORS).is_ok();
    ActionPermissions {
        respond: speaks && status.awaits_owner(),
        assess: assessor && status == ActionStatus::ResponseSubmitted,
        request_extension: speaks && status.awaits_owner() && !pending,
        decide_extension: assessor && pending,
        withdraw: actor.require(RECORDERS).is_ok() && status.is_live(),
        edit: actor.require(EDITORS).is_ok() && status.is_live(),
    }
}

pub async fn get(db: &Db, actor: &Actor, id: i64, window: &Window) -> Result<ActionView> {
    actor.require(&Role::ALL)?;
    let mut conn = db.pool().acquire().await?;
    // Linked records come only where the person may see them: a draft question or an
    // unpublished meeting is not named to force liaison, not even by its id.
    let audience = Audience::of(actor);
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, a.board_id, b.name AS board_name, a.topic_id, a.origin, m.id AS meeting_id, m.starts_at,
            ai.id AS agenda_item_id, ai.title AS item_title, q.id AS question_id, q.text AS question_text,
            CASE WHEN m.id IS NULL THEN NULL ELSE a.minutes_version END AS minutes_version,
            a.owner_user_id, a.created_at
         FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id
         LEFT JOIN meetings m ON m.id = a.meeting_id AND {meeting}
         LEFT JOIN agenda_items ai ON ai.id = a.agenda_item_id AND m.id IS NOT NULL
         LEFT JOIN questions q ON q.id = a.question_id AND {question}
         WHERE a.id = $1",
        meeting = visibility::meeting::sql(audience, "m"),
        question = visibility::question::sql(audience, "q"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let summary = summary(&row, window)?;
    may_see(actor, summary.owner)?;
    let extensions = extensions(&mut conn, id).await?;
    let pending = extensions
        .iter()
        .any(|e| e.status == ExtensionStatus::Pending);
    let (meeting, question) = linked(&row)?;
    let agenda_item = match (
        row.try_get::<Option<i64>, _>("agenda_item_id")?,
        row.try_get::<Option<String>, _>("item_title")?,
    ) {
        (Some(id), Some(title)) => Some((id, title)),
        _ => None,
    };
    let mut view = ActionView {
        may: permissions(actor, summary.status, summary.owner, pending),
        board_id: row.try_get("board_id")?,
        board_name: row.try_get("board_name")?,
        topic_id: row.try_get("topic_id")?,
        origin: stored(Origin::parse(&row.try_get::<String, _>("origin")?))?,
        meeting,
        agenda_item,
        question,
        minutes_version: row.try_get("minutes_version")?,
        owner_user_id: row.try_get("owner_user_id")?,
        original_due_on: london::long_date_of(&row.try_get::<String, _>("original_due_on")?),
        created: london::show(row.try_get("created_at")?),
        timeline: timeline::read(&mut conn, Subject::Action, id).await?,
        extensions,
        summary,
    };
    drop(conn);
    note_lateness(db, std::slice::from_mut(&mut view.summary), window).await?;
    Ok(view)
}

async fn extensions(conn: &mut AnyConnection, action: i64) -> Result<Vec<ExtensionView>> {
    let rows = sqlx::query(
        "SELECT e.id, e.reason, e.due_on_before, e.proposed_due_on, e.status, e.requested_at,
                e.decision_note, COALESCE(u.display_name, '') AS requested_by
         FROM extension_requests e LEFT JOIN users u ON u.id = e.requested_by
         WHERE e.action_id = $1 ORDER BY e.id",
    )
    .bind(action)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ExtensionView {
                id: row.try_get("id")?,
                reason: row.try_get("reason")?,
                due_on_before: london::long_date_of(&row.try_get::<String, _>("due_on_before")?),
                proposed_due_on: london::long_date_of(
                    &row.try_get::<String, _>("proposed_due_on")?,
                ),
                status: stored(ExtensionStatus::parse(&row.try_get::<String, _>("status")?))?,
                requested_by: row.try_get("requested_by")?,
                requested_at: london::show(row.try_get("requested_at")?),
                decision_note: row.try_get("decision_note")?,
            })
        })
        .collect()
}

/// Moves the action to `to`, writing its timeline entry and audit event.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site per transition, all named"
)]
async fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    from: &Current,
    to: ActionStatus,
    kind: &str,
    body: &str,
    due_on: Option<&str>,
) -> Result<()> {
    let now = crate::now();
    let closed_at = (to == ActionStatus::Closed).then_some(now);
    sqlx::query(
        "UPDATE actions SET status = $1, due_on = COALESCE($2, due_on), updated_at = $3,
             closed_at = $4
         WHERE id = $5",
    )
    .bind(to.as_str())
    .bind(due_on)
    .bind(now)
    .bind(closed_at)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if !to.is_live() {
        // A request for more time on an action that has ended can no longer be decided.
        sqlx::query(
            "UPDATE extension_requests SET status = $1, decided_at = $2,
                 decision_note = $3
             WHERE action_id = $4 AND status = $5",
        )
        .bind(ExtensionStatus::Lapsed.as_str())
        .bind(now)
        .bind(format!("The action was {}", to.label().to_lowercase()))
        .bind(id)
        .bind(ExtensionStatus::Pending.as_str())
        .execute(&mut *conn)
        .await?;
    }
    timeline::record(
        &mut *conn,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body,
            status: to.as_str(),
            due_on,
        },
        Some(serde_json::json!({ "status": from.status, "due_on": from.due_on })),
        Some(serde_json::json!({ "status": to, "due_on": due_on.unwrap_or(&from.due_on), "text": body })),
    )
    .await
}

fn refuse(field: &str, current: &Current, doing: &str) -> Error {
    Error::invalid(
        field,
        format!(
            "Action {} is {}: it cannot {doing} now",
            current.reference,
            current.status.label().to_lowercase()
        ),
    )
}

/// The owner's response: open or further information requested → response submitted.
pub async fn respond(db: &Db, actor: &Actor, id: i64, response: &str) -> Result<()> {
    let response = note("response", response, "Enter the response")?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "response").await?;
    if !speaks_for_owner(actor, current.owner) {
        return Err(Error::Forbidden);
    }
    if !current.status.awaits_owner() {
        return Err(refuse("response", &current, "take a response"));
    }
    transition(
        &mut tx,
        actor,
        id,
        &current,
        ActionStatus::ResponseSubmitted,
        "response",
        &response,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The Commissioner's judgement of a submitted response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assessment {
    /// Satisfied: the action closes.
    Accept { note: String },
    /// Not yet: the owner must respond again, by `due_on` if given.
    FurtherInformation {
        note: String,
        due_on: Option<NaiveDate>,
    },
}

impl Assessment {
    pub fn parse(
        outcome: &str,
        note_text: &str,
        due: &str,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Result<Assessment> {
        match outcome.trim() {
            "accept" => Ok(Assessment::Accept {
                note: note_text.trim().to_owned(),
            }),
            "further_information" => {
                let mut errors = FieldErrors::new();
                let note = check_note(
                    &mut errors,
                    "note",
                    note_text,
                    Some("Say what further information is needed"),
                );
                let due_on = if due.trim().is_empty() {
                    None
                } else {
                    errors.check("due", due_dates::parse(due, today, calendar))
                };
                errors.into_result()?;
                Ok(Assessment::FurtherInformation { note, due_on })
            }
            _ => Err(Error::invalid(
                "outcome",
                "Choose whether to accept the response or ask for further information",
            )),
        }
    }
}

pub async fn assess(db: &Db, actor: &Actor, id: i64, assessment: Assessment) -> Result<()> {
    actor.require(ASSESSORS)?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "outcome").await?;
    if current.status != ActionStatus::ResponseSubmitted {
        return Err(refuse(
            "outcome",
            &current,
            "be assessed until a response is submitted",
        ));
    }
    match &assessment {
        Assessment::Accept { note } => {
            if note.chars().count() > MAX_NOTE {
                return Err(Error::invalid(
                    "note",
                    "The note must be 20000 characters or fewer",
                ));
            }
            transition(
                &mut tx,
                actor,
                id,
                &current,
                ActionStatus::Closed,
                "accepted",
                note,
                None,
            )
            .await?
        }
        Assessment::FurtherInformation { note, due_on } => {
            let due = due_on.map(|d| d.format("%Y-%m-%d").to_string());
            transition(
                &mut tx,
                actor,
                id,
                &current,
                ActionStatus::FurtherInformationRequested,
                "further_information_requested",
                note,
                due.as_deref(),
            )
            .await?
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn withdraw(db: &Db, actor: &Actor, id: i64, reason: &str) -> Result<()> {
    actor.require(RECORDERS)?;
    let reason = note(
        "withdrawal_reason",
        reason,
        "Enter why the action is withdrawn",
    )?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "withdrawal_reason").await?;
    if !current.status.is_live() {
        return Err(refuse("withdrawal_reason", &current, "be withdrawn"));
    }
    transition(
        &mut tx,
        actor,
        id,
        &current,
        ActionStatus::Withdrawn,
        "withdrawn",
        &reason,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The owner asks for a later due date, with a reason.
pub async fn request_extension(
    db: &Db,
    actor: &Actor,
    id: i64,
    reason: &str,
    proposed: &str,
    today: NaiveDate,
    calendar: &Calendar,
) -> Result<i64> {
    let mut errors = FieldErrors::new();
    let reason = check_note(
        &mut errors,
        "reason",
        reason,
        Some("Enter why more time is needed"),
    );
    let proposed = errors.check("proposed", due_dates::parse(proposed, today, calendar));
    errors.into_result()?;
    let Some(proposed) = proposed else {
        return Err(Error::invalid("proposed", "Enter the proposed date"));
    };
    let proposed = proposed.format("%Y-%m-%d").to_string();
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "reason").await?;
    if !speaks_for_owner(actor, current.owner) {
        return Err(Error::Forbidden);
    }
    if !current.status.awaits_owner() {
        return Err(refuse("reason", &current, "be extended"));
    }
    if proposed <= current.due_on {
        return Err(Error::invalid(
            "proposed",
            format!(
                "Propose a date after the current due date, {}",
                london::long_date_of(&current.due_on)
            ),
        ));
    }
    let pending = sqlx::query(
        "SELECT id FROM extension_requests WHERE action_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if pending.is_some() {
        return Err(Error::invalid(
            "reason",
            "An extension request for this action is already awaiting a decision",
        ));
    }
    let now = crate::now();
    let row = sqlx::query(
        "INSERT INTO extension_requests (action_id, reason, due_on_before, proposed_due_on, status,
             requested_by, requested_at)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6) RETURNING id",
    )
    .bind(id)
    .bind(&reason)
    .bind(&current.due_on)
    .bind(&proposed)
    .bind(actor.user_id.map(|u| u.0))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let request: i64 = row.try_get("id")?;
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind: "extension_requested",
            body: &format!(
                "Proposed due date: {}\n\n{reason}",
                london::long_date_of(&proposed)
            ),
            status: current.status.as_str(),
            due_on: None,
        },
        None,
        Some(serde_json::json!({
            "request": request, "due_on": current.due_on, "proposed_due_on": proposed, "reason": reason,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(request)
}

/// The Commissioner approves (the due date moves) or refuses the pending request.
pub async fn decide_extension(
    db: &Db,
    actor: &Actor,
    id: i64,
    approve: &str,
    note_text: &str,
) -> Result<()> {
    actor.require(ASSESSORS)?;
    let approve = match approve.trim() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(Error::invalid("decision", "Choose approve or refuse")),
    };
    let note_text = note_text.trim().to_owned();
    if note_text.chars().count() > MAX_NOTE {
        return Err(Error::invalid(
            "decision_note",
            "The note must be 20000 characters or fewer",
        ));
    }
    if !approve && note_text.is_empty() {
        return Err(Error::invalid(
            "decision_note",
            "Say why the extension is refused",
        ));
    }
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "decision").await?;
    if !current.status.is_live() {
        return Err(refuse("decision", &current, "have its due date extended"));
    }
    let row = sqlx::query(
        "SELECT id, proposed_due_on FROM extension_requests WHERE action_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("decision", "No extension request is awaiting a decision"))?;
    let request: i64 = row.try_get("id")?;
    let proposed: String = row.try_get("proposed_due_on")?;
    let (status, kind) = if approve {
        (ExtensionStatus::Approved, "extension_approved")
    } else {
        (ExtensionStatus::Refused, "extension_refused")
    };
    sqlx::query(
        "UPDATE extension_requests SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4
         WHERE id = $5",
    )
    .bind(status.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .bind(&note_text)
    .bind(request)
    .execute(&mut *tx)
    .await?;
    let due_on = approve.then_some(proposed.as_str());
    if let Some(due_on) = due_on {
        sqlx::query("UPDATE actions SET due_on = $1, updated_at = $2 WHERE id = $3")
            .bind(due_on)
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body: &note_text,
            status: current.status.as_str(),
            due_on,
        },
        Some(serde_json::json!({ "due_on": current.due_on })),
        Some(serde_json::json!({ "request": request, "due_on": due_on.unwrap_or(&current.due_on), "note": note_text })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Corrects an action's details — text, topic, owner, priority, due date — while it is
/// open. `new` is parsed from the edit form with the action's own board; where the action
/// came from does not change.
pub async fn update(db: &Db, actor: &Actor, id: i64, new: NewAction) -> Result<()> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "text").await?;
    if !current.status.is_live() {
        return Err(refuse("text", &current, "be edited"));
    }
    let before = sqlx::query(
        "SELECT text, topic_id, owner, owner_name, owner_user_id, priority, due_on, board_id
         FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let board: i64 = before.try_get("board_id")?;
    if board != new.board_id {
        return Err(Error::invalid("text", "An action stays with its board"));
    }
    check_links(&mut tx, &new).await?;
    let due_on = new.due_on.format("%Y-%m-%d").to_string();
    let before = serde_json::json!({
        "text": before.try_get::<String, _>("text")?,
        "topic_id": before.try_get::<i64, _>("topic_id")?,
        "owner": before.try_get::<String, _>("owner")?,
        "owner_name": before.try_get::<String, _>("owner_name")?,
        "owner_user_id": before.try_get::<Option<i64>, _>("owner_user_id")?,
        "priority": before.try_get::<String, _>("priority")?,
        "due_on": current.due_on,
    });
    sqlx::query(
        "UPDATE actions SET text = $1, topic_id = $2, owner = $3, owner_name = $4,
             owner_user_id = $5, priority = $6, due_on = $7, updated_at = $8
         WHERE id = $9",
    )
    .bind(&new.text)
    .bind(new.topic_id)
    .bind(new.owner.as_str())
    .bind(&new.owner_name)
    .bind(new.owner_user_id)
    .bind(new.priority.as_str())
    .bind(&due_on)
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    let due_changed = due_on != current.due_on;
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind: "edited",
            body: "",
            status: current.status.as_str(),
            due_on: due_changed.then_some(due_on.as_str()),
        },
        Some(before),
        Some(serde_json::json!({
            "text": new.text,
            "topic_id": new.topic_id,
            "owner": new.owner,
            "owner_name": new.owner_name,
            "owner_user_id": new.owner_user_id,
            "priority": new.priority,
            "due_on": due_on,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes the action's text and status visible on the public pages, or hides it again.
pub async fn set_published(db: &Db, actor: &Actor, id: i64, published: bool) -> Result<()> {
    actor.require(EDITORS)?;
    let mut tx = db.begin().await?;
    let current = current(&mut tx, actor, id, "published").await?;
    // Pressing the button twice (two tabs, a resent form) records nothing new.
    if current.published == published {
        return Ok(());
    }
    sqlx::query("UPDATE actions SET published = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(published))
        .bind(crate::now())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let kind = if published {
        "published"
    } else {
        "unpublished"
    };
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind,
            body: "",
            status: current.status.as_str(),
            due_on: None,
        },
        None,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A value bound to a query built from a filter.
enum Bind {
    Text(String),
    Int(i64),
}

/// WHERE clauses with their `$n` values, built from a register filter.
#[derive(Default)]
pub(crate) struct Conditions {
    clauses: Vec<String>,
    binds: Vec<Bind>,
}

impl Conditions {
    fn add(&mut self, clause: &str, value: Bind) {
        self.binds.push(value);
        self.clauses
            .push(clause.replace('?', &format!("${}", self.binds.len())));
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }

    fn bind<'q>(
        &'q self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
        for value in &self.binds {
            query = match value {
                Bind::Text(text) => query.bind(text.as_str()),
                Bind::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

const AWAITING_OWNER: &str = "a.status IN ('open', 'further_information_requested')";

/// An action with an extension request awaiting a decision.
const EXTENSION_PENDING: &str = "EXISTS (SELECT 1 FROM extension_requests e \
     WHERE e.action_id = a.id AND e.status = 'pending')";

/// The register's sort orders: (key, label, ORDER BY).
pub const SORTS: &[(&str, &str, &str)] = &[
    ("due", "Due date, earliest first", "a.due_on, a.id"),
    (
        "due_desc",
        "Due date, latest first",
        "a.due_on DESC, a.id DESC",
    ),
    ("reference", "Reference", "b.code, a.year, a.number"),
    (
        "priority",
        "Priority, highest first",
        "CASE a.priority WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, a.due_on, a.id",
    ),
    (
        "updated",
        "Last changed, newest first",
        "a.updated_at DESC, a.id DESC",
    ),
];

/// The filter with anything unknown dropped, and the conditions it stands for.
pub(crate) fn conditions(
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    backend: Backend,
) -> (RegisterFilter, Conditions) {
    let mut applied = RegisterFilter {
        sort: SORTS
            .iter()
            .find(|(key, ..)| *key == filter.sort)
            .map(|(key, ..)| (*key).to_owned())
            .unwrap_or_else(|| "due".to_owned()),
        overdue: filter.overdue,
        mine: filter.mine,
        page: filter.page,
        ..RegisterFilter::default()
    };
    let mut c = Conditions::default();
    if filter.status == "live" {
        c.clauses
            .push("a.status NOT IN ('closed', 'withdrawn')".to_owned());
        applied.status = filter.status.clone();
    } else if filter.status == OWED {
        c.clauses
            .push("a.status IN ('open', 'further_information_requested')".to_owned());
        applied.status = filter.status.clone();
    } else if let Ok(status) = ActionStatus::parse(&filter.status) {
        c.add("a.status = ?", Bind::Text(status.as_str().to_owned()));
        applied.status = filter.status.clone();
    } else {
        applied.status = "all".to_owned();
    }
    if filter.extension == "pending" {
        c.clauses.push(EXTENSION_PENDING.to_owned());
        applied.extension = filter.extension.clone();
    }
    let terms = search::Terms::parse(&filter.q);
    if !terms.is_empty() {
        c.add(
            &search::matches(backend, search::Kind::Action, "a.id", "?"),
            Bind::Text(terms.query(backend)),
        );
        applied.q = filter.q.trim().to_owned();
    }
    let audience = Audience::of(actor);
    if audience != Audience::Office {
        c.clauses.push(visibility::action::sql(audience, "a"));
    }
    if audience == Audience::Force {
        applied.owner = Owner::Force.as_str().to_owned();
    } else if filter.owner == NOT_FORCE {
        c.clauses.push("a.owner <> 'force'".to_owned());
        applied.owner = filter.owner.clone();
    } else if let Ok(owner) = Owner::parse(&filter.owner) {
        c.add("a.owner = ?", Bind::Text(owner.as_str().to_owned()));
        applied.owner = filter.owner.clone();
    }
    if let Ok(board) = filter.board.trim().parse::<i64>() {
        c.add("a.board_id = ?", Bind::Int(board));
        applied.board = board.to_string();
    }
    if let Ok(topic) = filter.topic.trim().parse::<i64>() {
        c.add("a.topic_id = ?", Bind::Int(topic));
        applied.topic = topic.to_string();
    }
    if let Ok(from) = due_dates::parse_day(&filter.due_from) {
        applied.due_from = from.format("%Y-%m-%d").to_string();
        c.add("a.due_on >= ?", Bind::Text(applied.due_from.clone()));
    }
    if let Ok(to) = due_dates::parse_day(&filter.due_to) {
        applied.due_to = to.format("%Y-%m-%d").to_string();
        c.add("a.due_on <= ?", Bind::Text(applied.due_to.clone()));
    }
    if filter.mine {
        // Someone without an account (the command line) owns nothing.
        c.add(
            "a.owner_user_id = ?",
            Bind::Int(actor.user_id.map_or(-1, |u| u.0)),
        );
    }
    if filter.overdue {
        c.clauses.push(AWAITING_OWNER.to_owned());
        c.add("a.due_on < ?", Bind::Text(window.today()));
    }
    (applied, c)
}

/// The filter's dates that cannot be read, so that a mistyped one is reported rather than
/// silently ignored.
fn check_filter(filter: &RegisterFilter) -> Option<FieldErrors> {
    let mut errors = FieldErrors::new();
    for (field, text) in [("due_from", &filter.due_from), ("due_to", &filter.due_to)] {
        if !text.trim().is_empty() {
            errors.check(field, due_dates::parse_day(text));
        }
    }
    (!errors.is_empty()).then_some(errors)
}

/// One page of the register, filtered and sorted.
/// The register's status filter for actions whose owner owes a response (open, or further
/// information requested).
pub const OWED: &str = "owed";
/// The register's owner filter for actions the force does not own: the OPCC's and
/// partners', whose responses the secretariat records.
pub const NOT_FORCE: &str = "not_force";

pub async fn register(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
) -> Result<RegisterPage> {
    actor.require(&Role::ALL)?;
    let invalid = check_filter(filter);
    let (applied, conditions) = conditions(actor, filter, window, db.backend());
    let filter_sql = conditions.sql();
    let total: i64 = conditions
        .bind(sqlx::query(&format!(
            "SELECT COUNT(*) AS n FROM actions a{filter_sql}"
        )))
        .fetch_one(db.pool())
        .await?
        .try_get("n")?;
    let (page, pages) = page_within(total, PAGE_SIZE, applied.page);
    let order = order_by(&applied.sort);
    let sql = format!(
        "{SUMMARY}{filter_sql} ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {}",
        u64::from(page - 1) * u64::from(PAGE_SIZE)
    );
    let rows = conditions
        .bind(sqlx::query(&sql))
        .fetch_all(db.pool())
        .await?;
    let mut actions = rows
        .iter()
        .map(|row| summary(row, window))
        .collect::<Result<Vec<_>>>()?;
    note_lateness(db, &mut actions, window).await?;
    let boards = sqlx::query("SELECT id, code FROM boards ORDER BY code")
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("code")?)))
        .collect::<Result<Vec<_>>>()?;
    let topics = topics::list(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let counts = counts(db, actor, window).await?;
    Ok(RegisterPage {
        actions,
        total,
        page,
        pages,
        invalid,
        boards,
        topics,
        counts,
        filter: RegisterFilter {
            page: Some(page),
            ..applied
        },
    })
}

/// How many actions the person may see are overdue, await assessment, or have an extension
/// request to decide: the register's count strip.
pub async fn counts(db: &Db, actor: &Actor, window: &Window) -> Result<RegisterCounts> {
    actor.require(&Role::ALL)?;
    let seen = visibility::action::sql(Audience::of(actor), "a");
    let row = sqlx::query(&format!(
        "SELECT
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND {AWAITING_OWNER} AND a.due_on < $1) AS overdue,
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND a.status = 'response_submitted') AS assess,
            (SELECT COUNT(*) FROM actions a WHERE {seen} AND {EXTENSION_PENDING}) AS extension"
    ))
    .bind(window.today())
    .fetch_one(db.pool())
    .await?;
    Ok(RegisterCounts {
        overdue: row.try_get("overdue")?,
        awaiting_assessment: row.try_get("assess")?,
        extension_pending: row.try_get("extension")?,
    })
}

fn order_by(sort: &str) -> &'static str {
    SORTS
        .iter()
        .find(|(key, ..)| *key == sort)
        .map(|(.., order)| *order)
        .unwrap_or("a.due_on, a.id")
}

/// The most rows one export holds.
pub const EXPORT_LIMIT: u32 = 200_000;

/// The SQL of an export (every matching row, in the filter's order) and its values.
fn export_query(
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    backend: Backend,
) -> (String, Conditions) {
    let (applied, conditions) = conditions(actor, filter, window, backend);
    let sql = format!(
        "{SUMMARY}{} ORDER BY {} LIMIT {EXPORT_LIMIT}",
        conditions.sql(),
        order_by(&applied.sort)
    );
    (sql, conditions)
}

/// Every action the filter matches (not a page of them), in its sort order, for export.
/// Mistyped dates are left out of the filter, as on the page.
pub async fn export(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
) -> Result<Vec<ActionSummary>> {
    actor.require(&Role::ALL)?;
    let (sql, conditions) = export_query(actor, filter, window, db.backend());
    let rows = conditions
        .bind(sqlx::query(&sql))
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(|row| summary(row, window)).collect()
}

const CSV_HEADERS: &[&str] = &[
    "Reference",
    "Board",
    "Action",
    "Topic",
    "Owner",
    "Owner name",
    "Priority",
    "Status",
    "Due date",
    "Deadline",
    "Extended",
    "Published",
];

fn csv_row(out: &mut crate::csv::Writer, a: &ActionSummary) {
    out.row(&[
        &a.reference,
        &a.board_code,
        &a.text,
        &a.topic,
        a.owner.label(),
        &a.owner_name,
        a.priority.label(),
        a.status.label(),
        &a.due_on,
        a.due_state.label(),
        if a.extended { "Yes" } else { "No" },
        if a.published { "Yes" } else { "No" },
    ]);
}

/// The register as CSV (see [`crate::csv`]): one row per action.
pub fn to_csv(actions: &[ActionSummary]) -> String {
    let mut out = crate::csv::Writer::new(CSV_HEADERS);
    for a in actions {
        csv_row(&mut out, a);
    }
    out.finish()
}

/// Rows written into one chunk of a streamed export.
const CSV_CHUNK_ROWS: usize = 256;

/// [`export`] as CSV, streamed: rows are read from the database as they come and sent to
/// `out` in chunks of a few hundred, so memory stays bounded however many rows match, and a
/// slow reader slows the query instead of filling memory. Stops early (`Ok`) when the
/// reader goes away. Returns the number of rows written.
pub async fn export_csv(
    db: &Db,
    actor: &Actor,
    filter: &RegisterFilter,
    window: &Window,
    out: tokio::sync::mpsc::Sender<String>,
) -> Result<u64> {
    use futures_util::TryStreamExt;
    actor.require(&Role::ALL)?;
    let (sql, conditions) = export_query(actor, filter, window, db.backend());
    let query = conditions.bind(sqlx::query(&sql));
    let mut rows = query.fetch(db.pool());
    let mut writer = crate::csv::Writer::new(CSV_HEADERS);
    let (mut written, mut in_chunk) = (0u64, 0usize);
    while let Some(row) = rows.try_next().await? {
        csv_row(&mut writer, &summary(&row, window)?);
        written += 1;
        in_chunk += 1;
        if in_chunk == CSV_CHUNK_ROWS {
            in_chunk = 0;
            if out.send(writer.take()).await.is_err() {
                return Ok(written);
            }
        }
    }
    let _ = out.send(writer.finish()).await;
    Ok(written)
}

/// How many rows of each list the home page shows.
const PANEL_ROWS: i64 = 10;

/// Overdue and due-soon actions for the home page: the force's for force liaison, all for
/// OPCC staff.
pub async fn deadlines(db: &Db, actor: &Actor, window: &Window) -> Result<Deadlines> {
    actor.require(&Role::ALL)?;
    let scope = format!(" AND {}", visibility::action::sql(Audience::of(actor), "a"));
    let (today, soon) = (window.today(), window.soon_until());
    let (overdue, overdue_total) =
        due_list(db, window, &format!("a.due_on < $1{scope}"), &[&today]).await?;
    let (due_soon, due_soon_total) = due_list(
        db,
        window,
        &format!("a.due_on >= $1 AND a.due_on <= $2{scope}"),
        &[&today, &soon],
    )
    .await?;
    Ok(Deadlines {
        overdue,
        overdue_total,
        due_soon,
        due_soon_total,
        soon_days: window.soon_days,
    })
}

/// The first rows and the number of actions still owed by their owner that also meet
/// `condition` (with `binds` as `$1`, …), earliest due first.
async fn due_list(
    db: &Db,
    window: &Window,
    condition: &str,
    binds: &[&str],
) -> Result<(Vec<ActionSummary>, i64)> {
    let filter = format!(" WHERE {AWAITING_OWNER} AND {condition}");
    let bound = |sql| {
        binds
            .iter()
            .fold(sqlx::query(sql), |q, value| q.bind(*value))
    };
    let count = format!("SELECT COUNT(*) AS n FROM actions a{filter}");
    let total: i64 = bound(&count).fetch_one(db.pool()).await?.try_get("n")?;
    let list = format!("{SUMMARY}{filter} ORDER BY a.due_on, a.id LIMIT {PANEL_ROWS}");
    let rows = bound(&list).fetch_all(db.pool()).await?;
    let mut actions = rows
        .iter()
        .map(|row| summary(row, window))
        .collect::<Result<Vec<_>>>()?;
    note_lateness(db, &mut actions, window).await?;
    Ok((actions, total))
}

/// What the action and question forms offer: boards, meetings (newest first), the agenda of
/// `meeting` if given, topics still in use, people who can own actions, and questions.
pub async fn choices(db: &Db, actor: &Actor, meeting: Option<i64>) -> Result<domain::Choices> {
    actor.require(RECORDERS)?;
    let pairs = |rows: Vec<AnyRow>, label: fn(&AnyRow) -> Result<String>| {
        rows.iter()
            .map(|row| Ok((row.try_get::<i64, _>("id")?, label(row)?)))
            .collect::<Result<Vec<(i64, String)>>>()
    };
    let pool = db.pool();
    let boards = pairs(
        sqlx::query("SELECT id, code, name FROM boards ORDER BY name")
            .fetch_all(pool)
            .await?,
        |r| {
            Ok(format!(
                "{} ({})",
                r.try_get::<String, _>("name")?,
                r.try_get::<String, _>("code")?
            ))
        },
    )?;
    let meetings = pairs(
        sqlx::query(
            "SELECT m.id, b.code, m.starts_at FROM meetings m JOIN boards b ON b.id = m.board_id
             WHERE m.status <> 'cancelled' ORDER BY m.starts_at DESC LIMIT 500",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            Ok(format!(
                "{}: {}",
                r.try_get::<String, _>("code")?,
                london::show(r.try_get("starts_at")?).long
            ))
        },
    )?;
    let agenda_items = match meeting {
        Some(meeting) => pairs(
            sqlx::query(
                "SELECT id, position, title FROM agenda_items WHERE meeting_id = $1 ORDER BY position",
            )
            .bind(meeting)
            .fetch_all(pool)
            .await?,
            |r| {
                Ok(format!(
                    "{}. {}",
                    r.try_get::<i64, _>("position")?,
                    r.try_get::<String, _>("title")?
                ))
            },
        )?,
        None => Vec::new(),
    };
    let topics = topics::list(db)
        .await?
        .into_iter()
        .filter(|t| !t.retired)
        .map(|t| (t.id, t.name))
        .collect();
    let people = pairs(
        sqlx::query(
            "SELECT id, display_name, role FROM users WHERE active = 1 AND role <> 'admin'
             ORDER BY display_name",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            let role = Role::parse(&r.try_get::<String, _>("role")?).map_err(anyhow::Error::new)?;
            Ok(format!(
                "{} ({})",
                r.try_get::<String, _>("display_name")?,
                role.label()
            ))
        },
    )?;
    let questions = pairs(
        sqlx::query(
            "SELECT q.id, b.code, q.text FROM questions q JOIN boards b ON b.id = q.board_id
             ORDER BY q.id DESC LIMIT 200",
        )
        .fetch_all(pool)
        .await?,
        |r| {
            let text: String = r.try_get("text")?;
            let short: String = text.chars().take(80).collect();
            let ellipsis = if short.len() < text.len() { "…" } else { "" };
            Ok(format!(
                "{}: {short}{ellipsis}",
                r.try_get::<String, _>("code")?
            ))
        },
    )?;
    Ok(domain::Choices {
        boards,
        meetings,
        agenda_items,
        topics,
        people,
        questions,
    })
}

/// Published actions for the public pages, latest due first, a page at a time: what was
/// asked, of whom, by when, and where it stands.
/// The meeting (id, when) and question (id, text) an action's row was joined with, where the
/// reader may see them (the joins decide).
type Linked = (Option<(i64, domain::LocalTime)>, Option<(i64, String)>);

fn linked(row: &AnyRow) -> Result<Linked> {
    let meeting = match (
        row.try_get::<Option<i64>, _>("meeting_id")?,
        row.try_get::<Option<i64>, _>("starts_at")?,
    ) {
        (Some(id), Some(at)) => Some((id, london::show(at))),
        _ => None,
    };
    let question = match (
        row.try_get::<Option<i64>, _>("question_id")?,
        row.try_get::<Option<String>, _>("question_text")?,
    ) {
        (Some(id), Some(text)) => Some((id, text)),
        _ => None,
    };
    Ok((meeting, question))
}

/// A published action, as the public sees it; "not found" for any other.
pub async fn get_public(db: &Db, id: i64, window: &Window) -> Result<PublicActionView> {
    let mut conn = db.pool().acquire().await?;
    let public = Audience::Public;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS}, b.name AS board_name, m.id AS meeting_id, m.starts_at,
            q.id AS question_id, q.text AS question_text
         FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id
         LEFT JOIN meetings m ON m.id = a.meeting_id AND {meeting}
         LEFT JOIN questions q ON q.id = a.question_id AND {question}
         WHERE a.id = $1 AND {action}",
        meeting = visibility::meeting::sql(public, "m"),
        question = visibility::question::sql(public, "q"),
        action = visibility::action::sql(public, "a"),
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let (meeting, question) = linked(&row)?;
    Ok(PublicActionView {
        board_name: row.try_get("board_name")?,
        meeting,
        question,
        original_due_on: london::long_date_of(&row.try_get::<String, _>("original_due_on")?),
        timeline: timeline::read_public(&mut conn, Subject::Action, id).await?,
        summary: summary(&row, window)?,
    })
}

/// Published actions arising from the meeting `meeting` (itself published), for its public
/// page.
pub async fn published_for_meeting(
    db: &Db,
    meeting: i64,
    window: &Window,
) -> Result<Vec<ActionSummary>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY} WHERE a.meeting_id = $1 AND {} ORDER BY b.code, a.year, a.number",
        visibility::action::sql(Audience::Public, "a")
    ))
    .bind(meeting)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|row| summary(row, window)).collect()
}

pub async fn published(
    db: &Db,
    page: Option<u32>,
    window: &Window,
) -> Result<(Vec<ActionSummary>, u32, u32)> {
    page_of(
        db,
        &format!(
            "SELECT COUNT(*) AS n FROM actions a WHERE {}",
            visibility::action::sql(Audience::Public, "a")
        ),
        &format!(
            "{SUMMARY} WHERE {} ORDER BY a.due_on DESC, a.id DESC",
            visibility::action::sql(Audience::Public, "a")
        ),
        &[],
        PAGE_SIZE,
        page,
        |row| summary(row, window),
    )
    .await
}
