//! The append-only audit trail: who did what to which record, when, before and after.
//!
//! Every service that changes a record calls [`record`] with the same transaction as the
//! change, so the change and its audit event are committed together or not at all. The
//! tables' triggers refuse UPDATE and DELETE on `audit_events` on both databases, and each
//! event is a link in a hash chain ([`chain`]) that shows any change made behind their back.

pub mod chain;
pub mod words;

use chrono::NaiveDate;
use domain::{
    AuditChainState, AuditChange, AuditEventView, AuditFilter, AuditPage, FieldErrors, Role,
};
use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

mod actor;
use crate::db::filter::Conditions;
use crate::{rfc3339, Db, Result};
pub use actor::Actor;

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
    errors.check(field, crate::common::typed::iso_date(text))
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
    let c = conditions(filter)?;
    let condition = c.sql();

    let count_sql = format!("SELECT COUNT(*) AS n FROM audit_events{condition}");
    let total: i64 = sqlx::query_scalar_with(&count_sql, c.arguments()?)
        .fetch_one(db.pool())
        .await?;
    let (page, pages) = crate::db::paging::page_within(total, PAGE_SIZE, filter.page);

    let list_sql = format!(
        "SELECT {COLUMNS} FROM audit_events{condition} ORDER BY id DESC LIMIT {PAGE_SIZE} OFFSET {}",
        (page - 1) * PAGE_SIZE
    );
    let rows: Vec<EventRow> = sqlx::query_as_with(&list_sql, c.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let events = events(db, &rows).await?;
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

const COLUMNS: &str =
    "id, at, actor_label, action, entity, entity_id, before_json, after_json, address";

/// The columns of [`COLUMNS`], as stored.
#[derive(FromRow)]
struct EventRow {
    id: i64,
    at: i64,
    actor_label: String,
    action: String,
    entity: String,
    entity_id: Option<String>,
    before_json: Option<String>,
    after_json: Option<String>,
    address: Option<String>,
}

/// The most events one CSV holds: the newest of those the filter matches.
pub const CSV_MOST: u32 = 10_000;

/// The events the filter matches as a CSV, newest first, in the words the page uses (and
/// the keys, for those who sort by them); at most [`CSV_MOST`], the last line saying so
/// when there were more.
pub async fn to_csv(db: &Db, actor: &Actor, filter: &AuditFilter) -> Result<String> {
    actor.require(&[Role::Admin])?;
    let c = conditions(filter)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM audit_events{} ORDER BY id DESC LIMIT {}",
        c.sql(),
        CSV_MOST + 1
    );
    let rows: Vec<EventRow> = sqlx::query_as_with(&sql, c.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let more = rows.len() > CSV_MOST as usize;
    let shown = &rows[..rows.len().min(CSV_MOST as usize)];
    let mut csv = crate::common::csv::Writer::new(&[
        "When (London)",
        "Who",
        "From address",
        "What happened",
        "Changes",
        "Event",
        "Record type",
        "Record id",
        "Event number",
    ]);
    for e in events(db, shown).await? {
        let changes = e
            .changes
            .iter()
            .map(|c| match (c.before.is_empty(), c.after.is_empty()) {
                (true, _) => format!("{}: {}", c.field, c.after),
                (false, true) => format!("{}: {} (removed)", c.field, c.before),
                (false, false) => format!("{}: {} → {}", c.field, c.before, c.after),
            })
            .collect::<Vec<_>>()
            .join("; ");
        csv.row(&[
            &e.when,
            &e.actor_label,
            e.address.as_deref().unwrap_or(""),
            &e.summary,
            &changes,
            &e.action,
            &e.entity,
            e.entity_id.as_deref().unwrap_or(""),
            &e.id.to_string(),
        ]);
    }
    if more {
        csv.row(&[&format!(
            "Only the newest {CSV_MOST} events are here: narrow the filter (dates, who, what) for the rest"
        )]);
    }
    Ok(csv.finish())
}

/// The filter as SQL conditions; dates that cannot be read, or that run backwards, refused.
fn conditions(filter: &AuditFilter) -> Result<Conditions> {
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
    if let Some(area) = non_blank(&filter.area) {
        // Only the offered choices reach the SQL, each a fixed length.
        if let Some((prefix, _)) = words::AREAS.iter().find(|(key, _)| *key == area) {
            c.add(&format!("SUBSTR(action, 1, {}) = ?", prefix.len()), *prefix);
        }
    }
    if let Some(entity) = non_blank(&filter.entity) {
        c.add("entity = ?", entity);
    }
    if let Some(entity_id) = non_blank(&filter.entity_id) {
        c.add("entity_id = ?", entity_id);
    }
    // Days are London's, as the page shows times.
    let start =
        |day: NaiveDate| crate::common::london::start_of_day(&crate::db::codec::day_text(day));
    if let Some(from) = from {
        c.add("at >= ?", start(from));
    }
    if let Some(to) = to {
        c.add("at < ?", to.succ_opt().map(start).unwrap_or(i64::MAX));
    }
    Ok(c)
}

/// Rows of `audit_events` as people read them: actions named by their references (one
/// query for the page), values and times in words.
async fn events(db: &Db, rows: &[EventRow]) -> Result<Vec<AuditEventView>> {
    let mut action_ids = Vec::new();
    for row in rows.iter().filter(|row| row.entity == "action") {
        if let Some(id) = row
            .entity_id
            .as_deref()
            .and_then(|id| id.parse::<i64>().ok())
        {
            action_ids.push(id.to_string());
        }
    }
    let mut references = std::collections::HashMap::new();
    if !action_ids.is_empty() {
        // Ids parsed as numbers above: nothing typed reaches this SQL.
        let sql = format!(
            "SELECT id, reference FROM actions WHERE id IN ({})",
            action_ids.join(", ")
        );
        let found: Vec<(i64, String)> = sqlx::query_as(&sql).fetch_all(db.pool()).await?;
        for (id, reference) in found {
            references.insert(id.to_string(), reference);
        }
    }
    Ok(rows
        .iter()
        .map(|row| {
            let name = match row.entity.as_str() {
                "action" => row.entity_id.as_ref().and_then(|id| references.get(id)),
                _ => None,
            };
            let summary = format!(
                "{}: {}",
                words::record(
                    &row.entity,
                    row.entity_id.as_deref(),
                    name.map(String::as_str)
                ),
                words::what(&row.action)
            );
            AuditEventView {
                when: crate::common::london::show(row.at).long,
                summary,
                id: row.id,
                at: rfc3339(row.at),
                actor_label: row.actor_label.clone(),
                action: row.action.clone(),
                entity: row.entity.clone(),
                entity_id: row.entity_id.clone(),
                changes: changes(row.before_json.as_deref(), row.after_json.as_deref()),
                before: pretty(row.before_json.clone()),
                after: pretty(row.after_json.clone()),
                address: row.address.clone(),
            }
        })
        .collect())
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
            before: before
                .get(name)
                .map(|v| words::value(name, &as_text(v)))
                .unwrap_or_default(),
            after: after
                .get(name)
                .map(|v| words::value(name, &as_text(v)))
                .unwrap_or_default(),
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
                    "Open".to_owned(),
                    "Response submitted".to_owned()
                ),
            ]
        );
        assert!(changes(None, None).is_empty());
        assert_eq!(changes(None, Some("true"))[0].after, "yes");
    }
}
