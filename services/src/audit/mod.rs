//! The append-only audit trail: who did what to which record, when, before and after.
//!
//! Every service that changes a record calls [`record`] with the same transaction as the
//! change, so the change and its audit event are committed together or not at all. The
//! tables' triggers refuse UPDATE and DELETE on `audit_events` on both databases, and each
//! event is a link in a hash chain ([`chain`]) that shows any change made behind their back.

pub mod chain;

use chrono::NaiveDate;
use domain::{
    AuditChainState, AuditChange, AuditEventView, AuditFilter, AuditPage, FieldErrors, Role,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

pub use crate::accounts::actor::Actor;
use crate::db::filter::Conditions;
use crate::{rfc3339, Db, Result};

pub const PAGE_SIZE: u32 = 50;

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: impl ToString) -> Self {
        Change {
            action,
            entity,
            entity_id: Some(entity_id.to_string()),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_value(value).ok();
        self
    }

    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_value(value).ok();
        self
    }
}

pub async fn record(conn: &mut AnyConnection, actor: &Actor, change: Change<'_>) -> Result<()> {
    let fields = chain::Fields {
        at: crate::now(),
        actor_id: actor.user_id.map(|id| id.0),
        actor_label: actor.label.clone(),
        action: change.action.to_owned(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id,
        before_json: change.before.map(|v| v.to_string()),
        after_json: change.after.map(|v| v.to_string()),
        address: actor.address.clone(),
    };
    let (seq, prev_hash, hash) = chain::next(conn, &fields).await?;
    sqlx::query(
        "INSERT INTO audit_events
             (at, actor_id, actor_label, action, entity, entity_id, before_json, after_json,
              address, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(fields.at)
    .bind(fields.actor_id)
    .bind(fields.actor_label)
    .bind(fields.action)
    .bind(fields.entity)
    .bind(fields.entity_id)
    .bind(fields.before_json)
    .bind(fields.after_json)
    .bind(fields.address)
    .bind(seq)
    .bind(prev_hash)
    .bind(hash)
    .execute(conn)
    .await?;
    Ok(())
}

fn parse_day(field: &str, text: &Option<String>, errors: &mut FieldErrors) -> Option<NaiveDate> {
    let text = text.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    errors.check(field, crate::london::parse_date(text))
}

fn non_blank(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A page of the trail, newest first. Text filters match a part of the actor (email or
/// label), and whole values of action, entity and entity id.
pub async fn list(db: &Db, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
    actor.require(&[Role::Admin])?;
    let mut errors = FieldErrors::new();
    let from = parse_day("from", &filter.from, &mut errors);
    let to = parse_day("to", &filter.to, &mut errors);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            errors.add(
                "to",
                "The end date must be the same as or after the start date",
            );
        }
    }
    errors.into_result()?;

    let mut c = Conditions::default();
    if let Some(actor) = non_blank(&filter.actor) {
        c.add(
            "LOWER(actor_label) LIKE ?",
            format!("%{}%", actor.to_lowercase()),
        );
    }
    if let Some(action) = non_blank(&filter.action) {
        c.add("action = ?", action);
    }
    if let Some(entity) = non_blank(&filter.entity) {
        c.add("entity = ?", entity);
    }
    if let Some(entity_id) = non_blank(&filter.entity_id) {
        c.add("entity_id = ?", entity_id);
    }
    if let Some(from) = from {
        let start = from.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp());
        c.add("at >= ?", start.unwrap_or(i64::MIN));
    }
    if let Some(to) = to {
        let end = to.succ_opt().and_then(|d| d.and_hms_opt(0, 0, 0));
        c.add(
            "at < ?",
            end.map(|t| t.and_utc().timestamp()).unwrap_or(i64::MAX),
        );
    }
    let condition = c.sql();

    let count_sql = format!("SELECT COUNT(*) AS n FROM audit_events{condition}");
    let count = c.bind(sqlx::query(&count_sql));
    let total: i64 = count.fetch_one(db.pool()).await?.try_get("n")?;
    let (page, pages) = crate::db::form::page_within(total, PAGE_SIZE, filter.page);

    let list_sql = format!(
        "SELECT id, at, actor_label, action, entity, entity_id, before_json, after_json, address
         FROM audit_events{condition} ORDER BY id DESC LIMIT {PAGE_SIZE} OFFSET {}",
        (page - 1) * PAGE_SIZE
    );
    let query = c.bind(sqlx::query(&list_sql));
    let rows = query.fetch_all(db.pool()).await?;
    let events = rows
        .iter()
        .map(|row| -> Result<AuditEventView> {
            Ok(AuditEventView {
                id: row.try_get("id")?,
                at: rfc3339(row.try_get("at")?),
                actor_label: row.try_get("actor_label")?,
                action: row.try_get("action")?,
                entity: row.try_get("entity")?,
                entity_id: row.try_get("entity_id")?,
                changes: changes(
                    row.try_get::<Option<String>, _>("before_json")?.as_deref(),
                    row.try_get::<Option<String>, _>("after_json")?.as_deref(),
                ),
                before: pretty(row.try_get("before_json")?),
                after: pretty(row.try_get("after_json")?),
                address: row.try_get("address")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let chain = chain::verify(db).await?;
    Ok(AuditPage {
        events,
        page,
        pages,
        total,
        chain: AuditChainState {
            events: chain.events,
            head: chain.head.map(|h| (h.seq, h.hash)),
            broken: chain.first_break.map(|b| b.to_string()),
        },
    })
}

fn pretty(json: Option<String>) -> Option<String> {
    let json = json?;
    Some(
        serde_json::from_str::<serde_json::Value>(&json)
            .and_then(|v| serde_json::to_string_pretty(&v))
            .unwrap_or(json),
    )
}
/// What an event changed, field by field, in words: each field whose value differs between
/// `before` and `after` (JSON objects; a missing side reads as nothing), with a label made
/// from its name ("due_on" → "Due on") and its values as text.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<AuditChange> {
    use serde_json::Value;
    let fields = |json: Option<&str>| -> std::collections::BTreeMap<String, Value> {
        match json.and_then(|j| serde_json::from_str::<Value>(j).ok()) {
            Some(Value::Object(map)) => map.into_iter().collect(),
            Some(other) => [("value".to_owned(), other)].into_iter().collect(),
            None => Default::default(),
        }
    };
    let (before, after) = (fields(before), fields(after));
    let names: std::collections::BTreeSet<&String> = before.keys().chain(after.keys()).collect();
    names
        .into_iter()
        .filter(|name| before.get(*name) != after.get(*name))
        .map(|name| AuditChange {
            field: label(name),
            before: before.get(name).map(as_text).unwrap_or_default(),
            after: after.get(name).map(as_text).unwrap_or_default(),
        })
        .collect()
}

/// A field's name as people read it: "due_on" → "Due on".
fn label(name: &str) -> String {
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A value as text: strings without quotes, nothing for null, lists and objects as JSON.
fn as_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_field_by_field() {
        let read: Vec<(String, String, String)> = changes(
            Some(r#"{"status":"open","due_on":"2026-12-01","text":"Same"}"#),
            Some(r#"{"status":"response_submitted","due_on":"2026-12-01","text":"Same","note":"Done"}"#),
        )
        .into_iter()
        .map(|c| (c.field, c.before, c.after))
        .collect();
        assert_eq!(
            read,
            [
                ("Note".to_owned(), String::new(), "Done".to_owned()),
                (
                    "Status".to_owned(),
                    "open".to_owned(),
                    "response_submitted".to_owned()
                ),
            ]
        );
        assert!(changes(None, None).is_empty());
        assert_eq!(changes(None, Some("true"))[0].after, "yes");
    }
}
