//! Reading an action as a person may see it: its summary row, its lateness, who may do
//! what to it, and its page with the extension requests.

use super::*;
use crate::db::codec::{Day, Key};
use domain::equality::Assurance;
use sqlx::FromRow;

pub(super) const COLUMNS: &str = "a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published,
        a.assurance";
pub(crate) const SUMMARY: &str =
    "SELECT a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published,
        a.assurance
    FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id";

/// The columns of [`SUMMARY`] (and [`COLUMNS`]), as stored.
#[derive(FromRow)]
pub(crate) struct SummaryRow {
    pub(super) id: i64,
    pub(super) reference: String,
    pub(super) text: String,
    pub(super) board_code: String,
    pub(super) topic: String,
    pub(super) owner: Key<Owner>,
    pub(super) owner_name: String,
    pub(super) priority: Key<Priority>,
    pub(super) status: Key<ActionStatus>,
    pub(super) due_on: String,
    pub(super) original_due_on: String,
    pub(super) published: Flag,
    pub(super) assurance: Option<Key<Assurance>>,
}

impl SummaryRow {
    /// The summary as people read it: dates in words, how near the due date is on `window`.
    pub(crate) fn summary(self, window: &Window) -> ActionSummary {
        let status = self.status.0;
        ActionSummary {
            id: self.id,
            reference: self.reference,
            text: self.text,
            board_code: self.board_code,
            topic: self.topic,
            owner: self.owner.0,
            owner_name: self.owner_name,
            priority: self.priority.0,
            status,
            due_long: london::long_date_of(&self.due_on),
            due_state: window.derive(status.awaits_owner(), &self.due_on),
            extended: self.due_on != self.original_due_on,
            due_on: self.due_on,
            published: self.published.0,
            overdue_by: 0,
            assurance: self.assurance.map(|level| level.0),
        }
    }
}

/// An action's summary from a row with (at least) the columns of [`SUMMARY`].
pub(crate) fn summary(row: &AnyRow, window: &Window) -> Result<ActionSummary> {
    Ok(SummaryRow::from_row(row)?.summary(window))
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
    let calendar = crate::common::working_days::calendar(db).await?;
    for action in actions
        .iter_mut()
        .filter(|a| a.due_state == DueState::Overdue)
    {
        if let Ok(due) = Day::parse(&action.due_on) {
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
/// Whether `actor`'s response to an action of `owner` records someone else's words: the
/// OPCC's staff recording what the force or a partner sent.
pub(super) fn records_for_owner(actor: &Actor, owner: Owner) -> bool {
    actor.role != Some(Role::ForceLiaison) && owner != Owner::Opcc
}

pub(super) fn speaks_for_owner(actor: &Actor, owner: Owner) -> bool {
    match actor.role {
        Some(Role::ForceLiaison) => owner == Owner::Force,
        Some(Role::Secretariat | Role::Admin) => true,
        _ => actor.require(domain::roles::EDITORS).is_ok(),
    }
}

#[derive(FromRow)]
struct CurrentRow {
    status: Key<ActionStatus>,
    owner: Key<Owner>,
    owner_name: String,
    due_on: String,
    reference: String,
    published: Flag,
    version: i64,
}

pub(super) struct Current {
    pub(super) status: ActionStatus,
    pub(super) owner: Owner,
    pub(super) owner_name: String,
    pub(super) due_on: String,
    pub(super) reference: String,
    pub(super) published: bool,
}

/// Reads the action for a change, after checking that `actor` may see it, and claims it for
/// this transaction ([`timeline::claim`]): a concurrent step that read the same version is
/// refused. `field` is where a refusal shows.
pub(super) async fn current(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: i64,
    field: &str,
) -> Result<Current> {
    let row: CurrentRow = sqlx::query_as(
        "SELECT status, owner, owner_name, due_on, reference, published, version FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let current = Current {
        status: row.status.0,
        owner: row.owner.0,
        owner_name: row.owner_name,
        due_on: row.due_on,
        reference: row.reference,
        published: row.published.0,
    };
    may_see(actor, current.owner)?;
    if !timeline::claim(&mut *conn, Subject::Action, id, row.version).await? {
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
    let assessor = actor.require(domain::roles::ASSESSORS).is_ok();
    ActionPermissions {
        respond: speaks && status.awaits_owner(),
        respond_for_owner: speaks && status.awaits_owner() && records_for_owner(actor, owner),
        assess: assessor && status == ActionStatus::ResponseSubmitted,
        request_extension: speaks && status.awaits_owner() && !pending,
        decide_extension: assessor && pending,
        withdraw: actor.require(domain::roles::OFFICE).is_ok() && status.is_live(),
        edit: actor.require(domain::roles::EDITORS).is_ok() && status.is_live(),
    }
}

/// The columns of an action's page.
#[derive(FromRow)]
struct ViewRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    #[sqlx(flatten)]
    linked: LinkedRow,
    board_id: i64,
    board_name: String,
    topic_id: i64,
    origin: Key<Origin>,
    agenda_item_id: Option<i64>,
    item_title: Option<String>,
    minutes_version: Option<i64>,
    owner_user_id: Option<i64>,
    created_at: i64,
}

pub async fn get(db: &Db, actor: &Actor, id: i64, window: &Window) -> Result<ActionView> {
    actor.require(&Role::ALL)?;
    let mut conn = db.pool().acquire().await?;
    // Linked records come only where the person may see them: a draft question or an
    // unpublished meeting is not named to force liaison, not even by its id.
    let audience = Audience::of(actor);
    let row: ViewRow = sqlx::query_as(&format!(
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
    let original_due_on = london::long_date_of(&row.summary.original_due_on);
    let summary = row.summary.summary(window);
    may_see(actor, summary.owner)?;
    let extensions = extensions(&mut conn, id).await?;
    let pending = extensions
        .iter()
        .any(|e| e.status == ExtensionStatus::Pending);
    let (meeting, question) = row.linked.linked();
    let mut view = ActionView {
        may: permissions(actor, summary.status, summary.owner, pending),
        board_id: row.board_id,
        board_name: row.board_name,
        topic_id: row.topic_id,
        origin: row.origin.0,
        meeting,
        agenda_item: row.agenda_item_id.zip(row.item_title),
        question,
        minutes_version: row.minutes_version,
        owner_user_id: row.owner_user_id,
        original_due_on,
        created: london::show(row.created_at),
        timeline: timeline::read(&mut conn, Subject::Action, id).await?,
        extensions,
        summary,
    };
    drop(conn);
    note_lateness(db, std::slice::from_mut(&mut view.summary), window).await?;
    Ok(view)
}

#[derive(FromRow)]
struct ExtensionRow {
    id: i64,
    reason: String,
    due_on_before: String,
    proposed_due_on: String,
    status: Key<ExtensionStatus>,
    requested_by: String,
    requested_at: i64,
    decision_note: String,
}

pub(super) async fn extensions(
    conn: &mut AnyConnection,
    action: i64,
) -> Result<Vec<ExtensionView>> {
    let rows: Vec<ExtensionRow> = sqlx::query_as(
        "SELECT e.id, e.reason, e.due_on_before, e.proposed_due_on, e.status, e.requested_at,
                e.decision_note, COALESCE(u.display_name, '') AS requested_by
         FROM extension_requests e LEFT JOIN users u ON u.id = e.requested_by
         WHERE e.action_id = $1 ORDER BY e.id",
    )
    .bind(action)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| ExtensionView {
            id: row.id,
            reason: row.reason,
            due_on_before: london::long_date_of(&row.due_on_before),
            proposed_due_on: london::long_date_of(&row.proposed_due_on),
            status: row.status.0,
            requested_by: row.requested_by,
            requested_at: london::show(row.requested_at),
            decision_note: row.decision_note,
        })
        .collect())
}
