//! The annual equality report: for a financial year, the objectives and their progress,
//! the questions and actions by protected characteristic with the Commissioner's
//! assurance, and the stop-and-search figures of the forces whose figures are published —
//! the equality information the duty requires a body to publish each year. Published, it
//! is on the public pages, where only published questions and actions are listed (every
//! one is counted).

use domain::equality::{
    AnnualReport, Assurance, Characteristic, CharacteristicSection, ReportFigure, ScrutinyItem, Tag,
};
use domain::evidence::{EthnicityBasis, Force, Period};
use domain::{roles, ActionStatus, PublishedVersion, QuestionStatus};
use sqlx::FromRow;

use super::{financial_year, year_label};
use crate::audit::{self, Actor, Change};
use crate::common::london;
use crate::db::codec::{day_text, Flag, Key};
use crate::evidence::figures::{self, FigureQuery};
use crate::{Db, Error, Result};

/// The earliest and latest years a report can be asked for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The report as the office reads it (every question and action listed), live, with the
/// versions published so far.
pub async fn report(db: &Db, actor: &Actor, year: i32) -> Result<AnnualReport> {
    actor.require(roles::OFFICE)?;
    let mut report = build(db, year, false).await?;
    report.may_publish = actor.require(roles::ASSESSORS).is_ok();
    report.versions = versions(db, year).await?;
    Ok(report)
}

/// The latest published version of a year's report, as it was published; "not found"
/// until published (or while withdrawn).
pub async fn public(db: &Db, year: i32) -> Result<AnnualReport> {
    public_version(db, year, None).await
}

/// Version `number` of a year's report (the latest if `None`), exactly as it was published.
pub async fn public_version(db: &Db, year: i32, number: Option<u32>) -> Result<AnnualReport> {
    if !YEARS.contains(&year) || !is_published(db, year).await? {
        return Err(Error::NotFound);
    }
    let versions = versions(db, year).await?;
    let number = match number {
        Some(n) => n,
        None => versions.last().ok_or(Error::NotFound)?.number,
    };
    let content: String =
        sqlx::query_scalar("SELECT content FROM report_versions WHERE year = $1 AND number = $2")
            .bind(i64::from(year))
            .bind(i64::from(number))
            .fetch_optional(db.pool())
            .await?
            .ok_or(Error::NotFound)?;
    let mut report: AnnualReport = serde_json::from_str(&content).map_err(|e| {
        anyhow::anyhow!("published report {year} version {number} does not read: {e}")
    })?;
    report.version = Some(number);
    report.versions = versions;
    Ok(report)
}

async fn is_published(db: &Db, year: i32) -> Result<bool> {
    Ok(
        sqlx::query("SELECT year FROM equality_reports WHERE year = $1")
            .bind(i64::from(year))
            .fetch_optional(db.pool())
            .await?
            .is_some(),
    )
}

/// Every published version of a year's report, oldest first.
async fn versions(db: &Db, year: i32) -> Result<Vec<PublishedVersion>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT number, change_note, published_at FROM report_versions WHERE year = $1 ORDER BY number",
    )
    .bind(i64::from(year))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(number, change, published_at)| PublishedVersion {
            number: u32::try_from(number).unwrap_or_default(),
            published: london::show(published_at).long,
            change,
        })
        .collect())
}

/// The years whose report is published, newest first.
pub async fn published_years(db: &Db) -> Result<Vec<i32>> {
    let years: Vec<i64> =
        sqlx::query_scalar("SELECT year FROM equality_reports ORDER BY year DESC")
            .fetch_all(db.pool())
            .await?;
    Ok(years.into_iter().map(|year| year as i32).collect())
}

/// The longest line saying what changed.
const MAX_CHANGE: usize = 1_000;

/// Publishes the year's report as a new version — frozen as the public reads it now, with
/// `change` saying what changed since the last (required from the second version on) — or
/// takes it off the public pages (its versions are kept, and read again once republished).
pub async fn set_published(
    db: &Db,
    actor: &Actor,
    year: i32,
    published: bool,
    change: &str,
) -> Result<()> {
    actor.require(roles::ASSESSORS)?;
    if !YEARS.contains(&year) {
        return Err(Error::invalid(
            "year",
            "Choose a year between 2000 and 2100",
        ));
    }
    let change = change.trim();
    if change.chars().count() > MAX_CHANGE {
        return Err(Error::invalid(
            "change",
            format!("Say what changed in {MAX_CHANGE} characters or fewer"),
        ));
    }
    let latest = versions(db, year).await?.last().map(|v| v.number);
    if published && latest.is_some() && change.is_empty() {
        return Err(Error::invalid(
            "change",
            "Say what changed since the last version: readers see it above the report",
        ));
    }
    // Frozen before the transaction, from the same reading the public page would give.
    let content = if published {
        let mut frozen = build(db, year, true).await?;
        frozen.published = true;
        frozen.published_at = Some(london::show(crate::now()).long);
        Some(serde_json::to_string(&frozen).map_err(anyhow::Error::from)?)
    } else {
        None
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM equality_reports WHERE year = $1")
        .bind(i64::from(year))
        .execute(&mut *tx)
        .await?;
    let mut number = latest.unwrap_or(0);
    if let Some(content) = content {
        number += 1;
        let now = crate::now();
        sqlx::query(
            "INSERT INTO equality_reports (year, published_by, published_at) VALUES ($1, $2, $3)",
        )
        .bind(i64::from(year))
        .bind(actor.user_id.map(|u| u.0))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let name = actor.display_name(&mut tx).await?;
        // Two publishers at once: the second's version number is taken, and it fails
        // whole rather than overwrite the first.
        sqlx::query(
            "INSERT INTO report_versions (year, number, content, change_note, published_by, published_by_name, published_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(i64::from(year))
        .bind(i64::from(number))
        .bind(content)
        .bind(change)
        .bind(actor.user_id.map(|u| u.0))
        .bind(name)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    let name = if published {
        "equality.report_published"
    } else {
        "equality.report_withdrawn"
    };
    let mut event = Change::new(name, "equality_report", year);
    event.after = published.then(|| serde_json::json!({ "version": number, "change": change }));
    audit::record(&mut tx, actor, event).await?;
    tx.commit().await?;
    Ok(())
}

async fn build(db: &Db, year: i32, public: bool) -> Result<AnnualReport> {
    if !YEARS.contains(&year) {
        return Err(Error::NotFound);
    }
    let (first, last) = financial_year(year);
    let (first_text, last_text) = (day_text(first), day_text(last));
    let published_at: Option<i64> =
        sqlx::query_scalar("SELECT published_at FROM equality_reports WHERE year = $1")
            .bind(i64::from(year))
            .fetch_optional(db.pool())
            .await?;
    let all_plans = super::objectives::plans(db, london::today(), Some(last)).await?;
    // Objectives stay in force until the next plan replaces them, even past their review
    // date: the newest plan started by the year's end counts, with any whose period
    // reaches into the year.
    let in_force = all_plans
        .iter()
        .find(|p| p.starts_on <= last_text)
        .map(|p| p.id);
    let plans: Vec<_> = all_plans
        .into_iter()
        .filter(|p| {
            p.starts_on <= last_text && (p.review_on >= first_text || Some(p.id) == in_force)
        })
        .map(|mut p| {
            // Only the year's progress belongs in the year's report.
            for group in &mut p.groups {
                for objective in &mut group.objectives {
                    objective
                        .updates
                        .retain(|u| u.at.date >= first_text && u.at.date <= last_text);
                }
            }
            p
        })
        .collect();
    let items = scrutiny(db, &first_text, &last_text, public).await?;
    let (mut questions, mut actions) = (0, 0);
    let mut counted = std::collections::BTreeSet::new();
    for (_, item) in &items {
        if counted.insert((item.kind.clone(), item.id)) {
            if item.kind == "question" {
                questions += 1;
            } else {
                actions += 1;
            }
        }
    }
    let characteristics = Characteristic::ALL
        .iter()
        .map(|c| {
            let key = Tag::Characteristic(*c).key();
            let all: Vec<&ScrutinyItem> = items
                .iter()
                .filter(|(tag, _)| *tag == key)
                .map(|(_, item)| item)
                .collect();
            let level =
                |l: Option<Assurance>| all.iter().filter(|i| i.assurance == l).count() as i64;
            CharacteristicSection {
                label: c.label().to_owned(),
                assured: level(Some(Assurance::Assured)),
                partly_assured: level(Some(Assurance::PartlyAssured)),
                not_assured: level(Some(Assurance::NotAssured)),
                not_recorded: level(None),
                items: all
                    .into_iter()
                    .filter(|i| !public || i.published)
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    Ok(AnnualReport {
        year,
        year_label: year_label(year),
        published: published_at.is_some(),
        published_at: published_at.map(|at| london::show(at).long),
        plans,
        characteristics,
        questions,
        actions,
        stop_search: stop_search(db, year).await?,
        contracts: super::contracts::monitored_in(db, year).await?,
        may_publish: false,
        version: None,
        versions: Vec::new(),
    })
}

/// Every (characteristic tag, item) for questions asked and actions recorded in the year;
/// for the `public`, their status in a resident's words and their dates written out.
async fn scrutiny(
    db: &Db,
    first: &str,
    last: &str,
    public: bool,
) -> Result<Vec<(String, ScrutinyItem)>> {
    let day = |text: String| {
        if public {
            london::long_date_of(&text)
        } else {
            text
        }
    };
    let mut items = Vec::new();
    let rows: Vec<TaggedQuestion> = sqlx::query_as(
        "SELECT t.tag, q.id, q.text, q.status, q.asked_on, q.assurance, q.assurance_reason,
                q.published
         FROM equality_tags t JOIN questions q ON q.id = t.subject_id
         WHERE t.subject = 'question' AND q.status <> 'draft'
           AND q.asked_on >= $1 AND q.asked_on <= $2
         ORDER BY q.asked_on, q.id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        let status = row.status.0;
        items.push((
            row.tag,
            ScrutinyItem {
                kind: "question".into(),
                id: row.id,
                reference: "Question".into(),
                text: row.text,
                status: if public {
                    status.public_label()
                } else {
                    status.label()
                }
                .to_owned(),
                date: day(row.asked_on),
                assurance: row.assurance.map(|level| level.0),
                assurance_reason: row.assurance_reason,
                published: row.published.0,
            },
        ));
    }
    let rows: Vec<TaggedAction> = sqlx::query_as(
        "SELECT t.tag, a.id, a.reference, a.text, a.status, a.created_at, a.assurance,
                a.assurance_reason, a.published
         FROM equality_tags t JOIN actions a ON a.id = t.subject_id
         WHERE t.subject = 'action' AND a.created_at >= $1 AND a.created_at < $2
         ORDER BY a.created_at, a.id",
    )
    .bind(london::start_of_day(first))
    .bind(
        chrono::NaiveDate::parse_from_str(last, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.succ_opt())
            .map(|d| london::start_of_day(&day_text(d)))
            .unwrap_or(i64::MAX),
    )
    .fetch_all(db.pool())
    .await?;
    for row in rows {
        let status = row.status.0;
        items.push((
            row.tag,
            ScrutinyItem {
                kind: "action".into(),
                id: row.id,
                reference: row.reference,
                text: row.text,
                status: if public {
                    status.public_label()
                } else {
                    status.label()
                }
                .to_owned(),
                date: day(london::show(row.created_at).date),
                assurance: row.assurance.map(|level| level.0),
                assurance_reason: row.assurance_reason,
                published: row.published.0,
            },
        ));
    }
    Ok(items)
}

/// A tagged question, as [`scrutiny`] reads it.
#[derive(FromRow)]
struct TaggedQuestion {
    tag: String,
    id: i64,
    text: String,
    status: Key<QuestionStatus>,
    asked_on: String,
    assurance: Option<Key<Assurance>>,
    assurance_reason: String,
    published: Flag,
}

/// A tagged action, as [`scrutiny`] reads it.
#[derive(FromRow)]
struct TaggedAction {
    tag: String,
    id: i64,
    reference: String,
    text: String,
    status: Key<ActionStatus>,
    created_at: i64,
    assurance: Option<Key<Assurance>>,
    assurance_reason: String,
    published: Flag,
}

/// The year's figures for each force whose stop-and-search figures are published.
async fn stop_search(db: &Db, year: i32) -> Result<Vec<ReportFigure>> {
    let forces: Vec<String> =
        sqlx::query_scalar("SELECT force FROM evidence_publications ORDER BY force")
            .fetch_all(db.pool())
            .await?;
    let mut figures_out = Vec::new();
    for slug in &forces {
        let Some(force) = Force::by_slug(slug) else {
            continue;
        };
        let Ok(fy) = u16::try_from(year) else {
            continue;
        };
        let period = Period::FinancialYear(fy);
        let figures = figures::compute(
            db,
            &FigureQuery {
                force,
                period,
                legislation: None,
                basis: EthnicityBasis::SelfDefined,
                table: None,
            },
        )
        .await?;
        if figures.person_searches == 0 {
            continue;
        }
        figures_out.push(ReportFigure {
            force: figures.force_name.clone(),
            period: period.label(),
            searches: figures.person_searches as i64,
            rows: figures
                .groups
                .iter()
                .map(|g| {
                    let rate = match g.rate {
                        Ok(rate) => format!("{rate:.1}"),
                        Err(e) => e.reason().to_owned(),
                    };
                    let ratio = match &g.ratio {
                        None => "—".to_owned(),
                        Some(Ok(r)) => format!("{:.2} ({:.2} to {:.2})", r.ratio, r.low, r.high),
                        Some(Err(e)) => e.reason().to_owned(),
                    };
                    (g.group.label().to_owned(), rate, ratio)
                })
                .collect(),
            population: figures
                .denominator
                .as_ref()
                .map(|d| d.label())
                .unwrap_or_else(|| "No population table".to_owned()),
        });
    }
    Ok(figures_out)
}

/// The report as CSV: one row per question or action and characteristic, then one per
/// objective with its latest rating in the year.
pub fn to_csv(report: &AnnualReport) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for section in &report.characteristics {
        for item in &section.items {
            rows.push(vec![
                "Scrutiny".into(),
                section.label.clone(),
                item.kind.clone(),
                item.reference.clone(),
                item.text.clone(),
                item.status.clone(),
                item.date.clone(),
                item.assurance
                    .map(|a| a.label())
                    .unwrap_or("Not recorded")
                    .to_owned(),
                item.assurance_reason.clone(),
            ]);
        }
    }
    for plan in &report.plans {
        for group in &plan.groups {
            for objective in &group.objectives {
                let latest = objective.updates.first();
                rows.push(vec![
                    "Objective".into(),
                    group.group.label().to_owned(),
                    plan.title.clone(),
                    objective.owner.clone(),
                    objective.text.clone(),
                    latest
                        .map(|u| u.rating.label())
                        .unwrap_or("No update this year")
                        .to_owned(),
                    latest.map(|u| u.at.date.clone()).unwrap_or_default(),
                    String::new(),
                    String::new(),
                ]);
            }
        }
    }
    for figure in &report.stop_search {
        for (group, rate, ratio) in &figure.rows {
            rows.push(vec![
                "Stop and search".into(),
                group.clone(),
                figure.force.clone(),
                figure.period.clone(),
                format!("Rate per 1,000: {rate}"),
                format!("Ratio to White: {ratio}"),
                String::new(),
                String::new(),
                figure.population.clone(),
            ]);
        }
    }
    for contract in &report.contracts {
        for m in &contract.monitoring {
            rows.push(vec![
                "Contract monitoring".into(),
                contract.kind.label().to_owned(),
                contract.party.clone(),
                contract.value.clone(),
                contract.title.clone(),
                m.rating
                    .map(|r| r.label())
                    .unwrap_or(m.state.label())
                    .to_owned(),
                m.due_on.clone(),
                m.received_on.clone().unwrap_or_default(),
                String::new(),
            ]);
        }
    }
    let mut csv = crate::common::csv::Writer::new(&[
        "Section",
        "Characteristic or group",
        "Kind",
        "Reference",
        "Text",
        "Status or rating",
        "Date",
        "Assurance",
        "Reason or population",
    ]);
    for row in &rows {
        csv.row(&row.iter().map(String::as_str).collect::<Vec<_>>());
    }
    csv.finish()
}
