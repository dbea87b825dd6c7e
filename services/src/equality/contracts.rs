//! Contracts and grants: who the OPCC pays or funds, the equality requirements it binds
//! them to (the seeds: "any individual or organisation who enters into a contract with the
//! PCC, or who receives funding from the PCC is expected to abide by" the policy), the
//! dates their monitoring returns are due, and the evidence received with a rating. Due
//! and overdue returns are in the reminders (`register::reminders`) and the briefing pack.

use chrono::NaiveDate;
use domain::equality::{
    ContractKind, ContractView, MonitoringDue, MonitoringState, MonitoringView, Rating,
};
use domain::{roles, FieldErrors};
use sqlx::{AnyConnection, FromRow};

use crate::audit::{self, Actor, Change};
use crate::common::forms::text_field;
use crate::common::{london, markdown, typed};
use crate::db::codec::{day_text, Key};
use crate::register::actions::check_note;
use crate::{Db, Error, Result};

/// Days ahead a monitoring return counts as due soon.
pub const DUE_SOON_DAYS: u64 = 30;

/// A contract or grant ready to record.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NewContract {
    pub kind: ContractKind,
    pub title: String,
    pub party: String,
    pub value_pence: i64,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub requirements: String,
    pub manager_name: String,
    pub monitoring: Vec<NaiveDate>,
}

/// Money as people type it ("£12,500", "12500.5", "£1,000.00") in pence.
pub fn parse_money(text: &str) -> std::result::Result<i64, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    let refused = || "Enter the value in pounds, such as £12,500 or 12500.50".to_owned();
    if cleaned.is_empty() {
        return Err("Enter the value in pounds".to_owned());
    }
    let (pounds, pence) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if pounds.is_empty()
        || !pounds.bytes().all(|b| b.is_ascii_digit())
        || pence.len() > 2
        || !pence.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(refused());
    }
    let pounds: i64 = pounds.parse().map_err(|_| refused())?;
    let pence: i64 = format!("{pence:0<2}").parse().map_err(|_| refused())?;
    pounds
        .checked_mul(100)
        .and_then(|p| p.checked_add(pence))
        // Under a thousand million pounds.
        .filter(|p| *p < 100_000_000_000)
        .ok_or_else(refused)
}

/// "£12,500.00"
pub fn show_money(pence: i64) -> String {
    let pounds = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in pounds.chars().enumerate() {
        if i > 0 && (pounds.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("£{grouped}.{:02}", pence % 100)
}

/// Dates one per line or separated by commas.
fn parse_dates(text: &str) -> std::result::Result<Vec<NaiveDate>, String> {
    let mut dates = Vec::new();
    for part in text
        .split(['\n', ',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        dates.push(typed::iso_date(part).map_err(|e| format!("“{part}”: {e}"))?);
    }
    dates.sort();
    dates.dedup();
    Ok(dates)
}

impl NewContract {
    #[expect(
        clippy::too_many_arguments,
        reason = "one field each, as the form posts them"
    )]
    pub fn parse(
        kind: &str,
        title: &str,
        party: &str,
        value: &str,
        starts_on: &str,
        ends_on: &str,
        requirements: &str,
        manager_name: &str,
        monitoring: &str,
    ) -> Result<NewContract> {
        let mut errors = FieldErrors::new();
        let kind = errors.check("kind", ContractKind::parse(kind));
        let title = text_field(
            &mut errors,
            "title",
            title,
            Some("Enter what the contract or grant is for"),
            300,
            "The title",
        );
        let party = text_field(
            &mut errors,
            "party",
            party,
            Some("Enter the supplier or recipient"),
            300,
            "The supplier or recipient",
        );
        let value_pence = errors.check("value", parse_money(value));
        let starts = errors.check("starts_on", typed::iso_date(starts_on));
        let ends = errors.check("ends_on", typed::iso_date(ends_on));
        if let (Some(s), Some(e)) = (starts, ends) {
            if e < s {
                errors.add("ends_on", "The end date must be on or after the start date");
            }
        }
        let requirements = check_note(
            &mut errors,
            "requirements",
            requirements,
            Some("Enter the equality requirements it binds them to"),
        );
        let manager_name = text_field(
            &mut errors,
            "manager_name",
            manager_name,
            Some("Enter who in the OPCC manages it"),
            200,
            "The manager",
        );
        let monitoring = errors
            .check("monitoring", parse_dates(monitoring))
            .unwrap_or_default();
        if let (Some(s), Some(e)) = (starts, ends) {
            if let Some(outside) = monitoring
                .iter()
                .find(|d| **d < s || **d > e + chrono::Duration::days(90))
            {
                errors.add(
                    "monitoring",
                    format!("{} is outside the contract's period (returns are due from its start to 90 days after its end)", london::long_date(*outside)),
                );
            }
        }
        errors.into_result()?;
        match (kind, value_pence, starts, ends) {
            (Some(kind), Some(value_pence), Some(starts_on), Some(ends_on)) => Ok(NewContract {
                kind,
                title,
                party,
                value_pence,
                starts_on,
                ends_on,
                requirements,
                manager_name,
                monitoring,
            }),
            _ => Err(Error::invalid("kind", "Check the form")),
        }
    }
}

pub async fn add(db: &Db, actor: &Actor, new: NewContract) -> Result<i64> {
    actor.require(roles::OFFICE)?;
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO contracts (kind, title, party, value_pence, starts_on, ends_on, requirements,
             manager_name, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(new.kind.as_str())
    .bind(&new.title)
    .bind(&new.party)
    .bind(new.value_pence)
    .bind(day_text(new.starts_on))
    .bind(day_text(new.ends_on))
    .bind(&new.requirements)
    .bind(&new.manager_name)
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    for due in &new.monitoring {
        insert_due(&mut tx, id, *due).await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.contract_added", "contract", id).after(&new),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_due(conn: &mut AnyConnection, contract: i64, due: NaiveDate) -> Result<()> {
    sqlx::query("INSERT INTO contract_monitoring (contract_id, due_on) VALUES ($1, $2)")
        .bind(contract)
        .bind(day_text(due))
        .execute(&mut *conn)
        .await
        .map_err(|e| {
            if crate::error::is_unique_violation(&e) {
                Error::invalid("due_on", "A return is already due on that date")
            } else {
                e.into()
            }
        })?;
    Ok(())
}

/// Another monitoring date for a contract.
pub async fn add_due(db: &Db, actor: &Actor, contract: i64, due_on: &str) -> Result<()> {
    actor.require(roles::OFFICE)?;
    let due = typed::iso_date(due_on).map_err(|e| Error::invalid("due_on", e))?;
    let mut tx = db.begin().await?;
    sqlx::query("SELECT id FROM contracts WHERE id = $1")
        .bind(contract)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    insert_due(&mut tx, contract, due).await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.monitoring_due_added", "contract", contract)
            .after(&serde_json::json!({ "due_on": day_text(due) })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records the evidence received for the return due on `due_on` of the contract, with its
/// rating.
pub async fn record_return(
    db: &Db,
    actor: &Actor,
    contract: i64,
    due_on: &str,
    received_on: &str,
    evidence: &str,
    rating: &str,
) -> Result<()> {
    actor.require(roles::OFFICE)?;
    let mut errors = FieldErrors::new();
    let due = errors.check(
        "return_due",
        typed::iso_date(due_on).map_err(|_| "Choose the return".to_owned()),
    );
    let received = errors.check("received_on", typed::iso_date(received_on));
    let evidence = check_note(
        &mut errors,
        "evidence",
        evidence,
        Some("Say what evidence was received"),
    );
    let rating = errors.check("return_rating", Rating::parse(rating));
    if let Some(received) = received {
        if received > london::today() {
            errors.add("received_on", "The date received cannot be in the future");
        }
    }
    errors.into_result()?;
    let (Some(due), Some(received), Some(rating)) = (due, received, rating) else {
        return Err(Error::invalid("return_due", "Check the form"));
    };
    let mut tx = db.begin().await?;
    let (id, received_on): (i64, Option<String>) = sqlx::query_as(
        "SELECT id, received_on FROM contract_monitoring WHERE contract_id = $1 AND due_on = $2",
    )
    .bind(contract)
    .bind(day_text(due))
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(|| {
        Error::invalid(
            "return_due",
            "No return of this contract is due on that date",
        )
    })?;
    if received_on.is_some() {
        return Err(Error::invalid(
            "return_due",
            "That return was already received",
        ));
    }
    sqlx::query(
        "UPDATE contract_monitoring SET received_on = $1, evidence = $2, rating = $3,
             recorded_by = $4, recorded_at = $5 WHERE id = $6",
    )
    .bind(day_text(received))
    .bind(&evidence)
    .bind(rating.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(crate::now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("equality.monitoring_received", "contract", contract).after(&serde_json::json!({
            "due_on": day_text(due), "received_on": day_text(received), "rating": rating, "evidence": evidence,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

fn state(due_on: &str, received: bool, today: NaiveDate) -> MonitoringState {
    let today_text = day_text(today);
    let soon = day_text(today + chrono::Days::new(DUE_SOON_DAYS));
    if received {
        MonitoringState::Received
    } else if due_on < today_text.as_str() {
        MonitoringState::Overdue
    } else if due_on <= soon.as_str() {
        MonitoringState::DueSoon
    } else {
        MonitoringState::Later
    }
}

/// Every contract and grant (or only `only`), those ending latest first.
pub(crate) async fn read(
    db: &Db,
    today: NaiveDate,
    only: Option<i64>,
) -> Result<Vec<ContractView>> {
    let rows: Vec<ContractRow> = sqlx::query_as(
        "SELECT id, kind, title, party, value_pence, starts_on, ends_on, requirements, manager_name
         FROM contracts WHERE $1 = 0 OR id = $1 ORDER BY ends_on DESC, id DESC",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    let returns: Vec<ReturnRow> = sqlx::query_as(
        "SELECT id, contract_id, due_on, received_on, evidence, rating FROM contract_monitoring
         WHERE $1 = 0 OR contract_id = $1 ORDER BY due_on, id",
    )
    .bind(only.unwrap_or(0))
    .fetch_all(db.pool())
    .await?;
    let mut contracts = Vec::new();
    for row in rows {
        let id = row.id;
        let mut monitoring = Vec::new();
        for r in returns.iter().filter(|r| r.contract_id == id) {
            monitoring.push(MonitoringView {
                id: r.id,
                due_long: london::long_date_of(&r.due_on),
                state: state(&r.due_on, r.received_on.is_some(), today),
                due_on: r.due_on.clone(),
                received_on: r.received_on.clone(),
                evidence_html: markdown::render_stored(r.evidence.clone()).await,
                rating: r.rating.map(|rating| rating.0),
            });
        }
        let rating = monitoring.iter().rev().find_map(|m| m.rating);
        contracts.push(ContractView {
            id,
            kind: row.kind.0,
            title: row.title,
            party: row.party,
            value: show_money(row.value_pence),
            starts_on: row.starts_on,
            ends_on: row.ends_on,
            requirements_html: markdown::render_stored(row.requirements).await,
            manager: row.manager_name,
            rating,
            monitoring,
        });
    }
    Ok(contracts)
}

#[derive(FromRow)]
struct ContractRow {
    id: i64,
    kind: Key<ContractKind>,
    title: String,
    party: String,
    value_pence: i64,
    starts_on: String,
    ends_on: String,
    requirements: String,
    manager_name: String,
}

#[derive(FromRow)]
struct ReturnRow {
    id: i64,
    contract_id: i64,
    due_on: String,
    received_on: Option<String>,
    evidence: String,
    rating: Option<Key<Rating>>,
}

pub async fn list(db: &Db, actor: &Actor, today: NaiveDate) -> Result<Vec<ContractView>> {
    actor.require(roles::OFFICE)?;
    read(db, today, None).await
}

pub async fn get(db: &Db, actor: &Actor, id: i64, today: NaiveDate) -> Result<ContractView> {
    actor.require(roles::OFFICE)?;
    read(db, today, Some(id))
        .await?
        .pop()
        .ok_or(Error::NotFound)
}

/// Returns not yet received that are overdue or due within [`DUE_SOON_DAYS`], earliest
/// first.
pub async fn due(db: &Db, today: NaiveDate) -> Result<Vec<MonitoringDue>> {
    let rows: Vec<(i64, String, String, String)> = sqlx::query_as(
        "SELECT c.id, c.title, c.party, m.due_on FROM contract_monitoring m
         JOIN contracts c ON c.id = m.contract_id
         WHERE m.received_on IS NULL AND m.due_on <= $1
         ORDER BY m.due_on, c.id",
    )
    .bind(day_text(today + chrono::Days::new(DUE_SOON_DAYS)))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(contract_id, title, party, due_on)| MonitoringDue {
            contract_id,
            title,
            party,
            state: state(&due_on, false, today),
            due_on,
        })
        .collect())
}

/// The contracts with a return due in the financial year starting in April of `year`.
pub(crate) async fn monitored_in(db: &Db, year: i32) -> Result<Vec<ContractView>> {
    let (first, last) = super::financial_year(year);
    let (first, last) = (day_text(first), day_text(last));
    let today = london::today();
    Ok(read(db, today, None)
        .await?
        .into_iter()
        .filter(|c| {
            c.monitoring
                .iter()
                .any(|m| m.due_on >= first && m.due_on <= last)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_people_type_it() {
        assert_eq!(parse_money("£12,500"), Ok(1_250_000));
        assert_eq!(parse_money(" 12500.5 "), Ok(1_250_050));
        assert_eq!(parse_money("£1,000.07"), Ok(100_007));
        for bad in ["", "£", "12.345", "-5", "twelve", "1e5", "£12,500.x"] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
        assert_eq!(show_money(1_250_050), "£12,500.50");
        assert_eq!(show_money(7), "£0.07");
        assert_eq!(show_money(100_000_000), "£1,000,000.00");
    }
}
