//! Extension requests: the owner asks for a later due date; the Commissioner decides.

use super::*;
use crate::db::codec::day_text;

/// Refuses a proposed date that falls on a weekend or bank holiday unless the person `kept`
/// it, as the due date's own forms do; a date that cannot be read is left to
/// [`request_extension`] to explain.
pub fn check_proposed_day(
    proposed: &str,
    today: NaiveDate,
    calendar: &Calendar,
    kept: bool,
) -> Result<()> {
    let Ok(day) = due_dates::parse(proposed, today, calendar) else {
        return Ok(());
    };
    match due_dates::doubt_to_confirm(day, today, calendar) {
        Some(doubt) if !kept => Err(Error::invalid(due_dates::CONFIRM_FIELD, doubt)),
        _ => Ok(()),
    }
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
    let proposed = day_text(proposed);
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
    let request: i64 = sqlx::query_scalar(
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
    timeline::record(
        &mut tx,
        actor,
        Subject::Action,
        id,
        Entry {
            kind: Step::ExtensionRequested,
            body: &format!(
                "Proposed due date: {}\n\n{reason}",
                london::long_date_of(&proposed)
            ),
            status: current.status.as_str(),
            due_on: None,
            said: None,
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
    decision: &str,
    note_text: &str,
) -> Result<()> {
    actor.require(domain::roles::ASSESSORS)?;
    let approve = ExtensionDecision::parse(decision.trim())
        .map_err(|message| Error::invalid("decision", message))?
        == ExtensionDecision::Approve;
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
    let (request, proposed): (i64, String) = sqlx::query_as(
        "SELECT id, proposed_due_on FROM extension_requests WHERE action_id = $1 AND status = 'pending'",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| Error::invalid("decision", "No extension request is awaiting a decision"))?;
    let (status, kind) = if approve {
        (ExtensionStatus::Approved, Step::ExtensionApproved)
    } else {
        (ExtensionStatus::Refused, Step::ExtensionRefused)
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
            said: None,
        },
        Some(serde_json::json!({ "due_on": current.due_on })),
        Some(serde_json::json!({ "request": request, "due_on": due_on.unwrap_or(&current.due_on), "note": note_text })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
