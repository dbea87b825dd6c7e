//! The meanings of the files' labels, kept by the office: a self-defined ethnicity label
//! read as a broad group (or "not stated"), an outcome label as today's outcome. A label no
//! one has seen stops its import with a question; the answer is kept, audited and used from
//! then on, and the import continues from the kept file. The labels page changes a
//! meaning the same way.

use domain::evidence::{BroadGroup, ImportReport, LabelKind, Outcome};

use super::import::{import, ImportRequest};
use super::kept::{self, Which};
use crate::audit::{self, Actor, Change};
use crate::{Db, Error, Result};

/// What an ethnicity label may be read as: a broad group's stored value, or this.
pub const NOT_STATED: &str = "not_stated";

/// The choices for a label of `kind`: (stored value, label).
pub fn choices(kind: LabelKind) -> Vec<(&'static str, &'static str)> {
    match kind {
        LabelKind::Ethnicity => BroadGroup::options()
            .into_iter()
            .chain([(NOT_STATED, "Not stated")])
            .collect(),
        LabelKind::Outcome => Outcome::options(),
    }
}

/// Records what `label` means (`meaning` as [`choices`] gives it), inside the caller's
/// transaction: a new label is added, a known one changed.
async fn set(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    kind: LabelKind,
    label: &str,
    meaning: &str,
) -> Result<()> {
    let field = "meaning";
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 200 {
        return Err(Error::invalid(
            "label",
            "A label is between 1 and 200 characters",
        ));
    }
    let (table, column, value): (&str, &str, Option<String>) = match kind {
        LabelKind::Ethnicity => (
            "ethnicity_labels",
            "broad_group",
            match meaning.trim() {
                NOT_STATED => None,
                group => Some(
                    BroadGroup::parse(group)
                        .map_err(|m| Error::invalid(field, m))?
                        .as_str()
                        .to_owned(),
                ),
            },
        ),
        LabelKind::Outcome => (
            "outcome_labels",
            "outcome",
            Some(
                Outcome::parse(meaning)
                    .map_err(|_| Error::invalid(field, "Choose the outcome it means"))?
                    .as_str()
                    .to_owned(),
            ),
        ),
    };
    let before: Option<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT {column} AS meaning FROM {table} WHERE label = $1"
    ))
    .bind(label.to_owned())
    .fetch_optional(&mut *conn)
    .await?;
    let user = actor.user_id.map(|u| u.0);
    match &before {
        Some(_) => {
            // One statement per table, spelt out: the serving role's grants are checked
            // against the statements the code holds.
            let sql = match kind {
                LabelKind::Ethnicity => {
                    "UPDATE ethnicity_labels SET broad_group = $1, by_user = $2 WHERE label = $3"
                }
                LabelKind::Outcome => {
                    "UPDATE outcome_labels SET outcome = $1, by_user = $2 WHERE label = $3"
                }
            };
            sqlx::query(sql)
                .bind(value.clone())
                .bind(user)
                .bind(label.to_owned())
                .execute(&mut *conn)
                .await?;
        }
        None => {
            let sql = match kind {
                LabelKind::Ethnicity => {
                    "INSERT INTO ethnicity_labels (label, broad_group, note, by_user)
                     VALUES ($1, $2, 'Mapped by the office', $3)"
                }
                LabelKind::Outcome => {
                    "INSERT INTO outcome_labels (label, outcome, legacy, by_user)
                     VALUES ($1, $2, 1, $3)"
                }
            };
            sqlx::query(sql)
                .bind(label.to_owned())
                .bind(value.clone())
                .bind(user)
                .execute(&mut *conn)
                .await?;
        }
    }
    audit::record(
        conn,
        actor,
        Change::new("evidence.label_mapped", kind.as_str(), 0)
            .before(&serde_json::json!({ "label": label, "meaning": before }))
            .after(&serde_json::json!({ "label": label, "meaning": value })),
    )
    .await?;
    Ok(())
}

/// Changes what a known or new label means, from the labels page.
pub async fn change(
    db: &Db,
    actor: &Actor,
    kind: LabelKind,
    label: &str,
    meaning: &str,
) -> Result<()> {
    actor.require(domain::roles::EDITORS)?;
    let mut tx = db.begin().await?;
    set(&mut tx, actor, kind, label, meaning).await?;
    tx.commit().await?;
    Ok(())
}

/// Answers an import's question — what each of its unknown labels means, `meanings` in
/// the order the import lists them — and continues the import from the kept file. Returns
/// the new import's report.
pub async fn answer(
    db: &Db,
    actor: &Actor,
    import_id: i64,
    meanings: &[String],
) -> Result<ImportReport> {
    actor.require(domain::roles::EDITORS)?;
    let asked = super::records::import(db, actor, import_id).await?;
    if let Some(continued) = asked.continued_as {
        // Answered already (the form sent twice, or by someone else first): its outcome.
        return super::records::import(db, actor, continued).await;
    }
    if !asked.asks() {
        return Err(Error::invalid(
            "meaning",
            "This import is not waiting for labels to be mapped",
        ));
    }
    let mut errors = domain::FieldErrors::new();
    for (i, label) in asked.unknown_labels.iter().enumerate() {
        let given = meanings.get(i).map(|m| m.trim()).unwrap_or_default();
        if !choices(label.kind).iter().any(|(value, _)| *value == given) {
            errors.add(
                &format!("meaning_{i}"),
                format!("Choose what “{}” means", label.label),
            );
        }
    }
    errors.into_result()?;
    let kept_id: Option<i64> =
        sqlx::query_scalar("SELECT kept_upload FROM stop_search_imports WHERE id = $1")
            .bind(import_id)
            .fetch_one(db.pool())
            .await?;
    let mut tx = db.begin().await?;
    for (label, meaning) in asked.unknown_labels.iter().zip(meanings) {
        set(&mut tx, actor, label.kind, &label.label, meaning).await?;
    }
    tx.commit().await?;
    let Some(kept) = (match kept_id {
        Some(id) => kept::take(db, actor, Which::Id(id)).await?,
        None => None,
    }) else {
        return Err(Error::invalid(
            "meaning",
            "The labels were mapped, but the file is no longer kept: import it again",
        ));
    };
    let force = domain::evidence::Force::by_slug(&asked.force_slug).ok_or(Error::NotFound)?;
    let request = ImportRequest {
        file_name: asked.file_name.clone(),
        force,
        month: asked.month,
        skip_bad_rows: kept.skip_bad_rows,
        check_only: false,
    };
    let file = std::fs::File::open(&kept.spooled.path)
        .map_err(|e| Error::Unexpected(anyhow::Error::new(e).context("reading a kept upload")))?;
    let report = import(db, actor, &request, std::io::BufReader::new(file), &|_| {}).await?;
    sqlx::query(
        "UPDATE stop_search_imports SET kept_upload = NULL, continued_as = $1 WHERE id = $2",
    )
    .bind(report.id)
    .bind(import_id)
    .execute(db.pool())
    .await?;
    kept::remove(db, kept.id).await?;
    Ok(report)
}
