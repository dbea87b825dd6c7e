//! Reading an action as a person may see it: its summary row, its lateness, who may do
//! what to it, and its page with the extension requests.

use super::*;
use crate::db::codec::Day;

pub(super) const COLUMNS: &str = "a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published,
        a.assurance";
pub(crate) const SUMMARY: &str =
    "SELECT a.id, a.reference, a.text, b.code AS board_code, t.name AS topic,
        a.owner, a.owner_name, a.priority, a.status, a.due_on, a.original_due_on, a.published,
        a.assurance
    FROM actions a JOIN boards b ON b.id = a.board_id JOIN topics t ON t.id = a.topic_id";

pub(crate) fn summary(row: &AnyRow, window: &Window) -> Result<ActionSummary> {
    let status = closed(row, "status", ActionStatus::parse)?;
    let due_on: String = row.try_get("due_on")?;
    let original: String = row.try_get("original_due_on")?;
    Ok(ActionSummary {
        id: row.try_get("id")?,
        reference: row.try_get("reference")?,
        text: row.try_get("text")?,
        board_code: row.try_get("board_code")?,
        topic: row.try_get("topic")?,
        owner: closed(row, "owner", Owner::parse)?,
        owner_name: row.try_get("owner_name")?,
        priority: closed(row, "priority", Priority::parse)?,
        status,
        due_long: london::long_date_of(&due_on),
        due_state: window.derive(status.awaits_owner(), &due_on),
        extended: due_on != original,
        due_on,
        published: row.try_get::<Flag, _>("published")?.0,
        overdue_by: 0,
        assurance: row
            .try_get::<Option<String>, _>("assurance")?
            .map(|level| crate::stored(domain::equality::Assurance::parse(&level)))
            .transpose()?,
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
    let row = sqlx::query(
        "SELECT status, owner, owner_name, due_on, reference, published, version FROM actions WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound)?;
    let current = Current {
        status: closed(&row, "status", ActionStatus::parse)?,
        owner: closed(&row, "owner", Owner::parse)?,
        owner_name: row.try_get("owner_name")?,
        due_on: row.try_get("due_on")?,
        reference: row.try_get("reference")?,
        published: row.try_get::<Flag, _>("published")?.0,
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
        origin: closed(&row, "origin", Origin::parse)?,
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

pub(super) async fn extensions(
    conn: &mut AnyConnection,
    action: i64,
) -> Result<Vec<ExtensionView>> {
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
                status: closed(row, "status", ExtensionStatus::parse)?,
                requested_by: row.try_get("requested_by")?,
                requested_at: london::show(row.try_get("requested_at")?),
                decision_note: row.try_get("decision_note")?,
            })
        })
        .collect()
}
