//! Stop-and-search imports: the list, one import, its unknown labels answered, kept uploads.

use super::*;

#[server(endpoint = "evidence/imports")]
pub async fn list_imports() -> Result<Vec<ImportReport>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::records::imports(&state.db, &actor, 50)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/import")]
pub async fn get_import(id: String) -> Result<ImportReport, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::records::import(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// `meaning[<i>]`: what the import's i-th unknown label means.
#[server(endpoint = "evidence/answer-labels")]
pub async fn answer_labels(
    id: String,
    #[server(default)] meaning: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let mut meanings = Vec::new();
    for (i, value) in &meaning {
        let Ok(i) = i.parse::<usize>() else { continue };
        if i < 1000 {
            meanings.resize(meanings.len().max(i + 1), String::new());
            meanings[i] = value.clone();
        }
    }
    let values: Vec<(String, String)> = meaning
        .iter()
        .map(|(i, v)| (format!("meaning_{i}"), v.clone()))
        .collect();
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let report = services::evidence::labels::answer(&state.db, &actor, id, &meanings)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/evidence/imports/{}", report.id));
    Ok(())
}

#[server(endpoint = "evidence/map-label")]
pub async fn map_label(
    #[server(default)] kind: String,
    #[server(default)] label: String,
    #[server(default)] meaning: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let values = [
        ("kind", kind.as_str()),
        ("label", &label),
        ("meaning", &meaning),
    ];
    let kind = domain::evidence::LabelKind::parse(&kind)
        .map_err(|m| refused(services::Error::invalid("kind", m), &values))?;
    services::evidence::labels::change(&state.db, &actor, kind, &label, &meaning)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect("/evidence/labels?saved=mapped");
    Ok(())
}

/// The name of the file kept for the viewer under `token`, if it is still kept.
#[server(endpoint = "evidence/kept-upload")]
pub async fn kept_upload(#[server(default)] token: String) -> Result<Option<String>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::OFFICE)
        .map_err(|e| refused(e, &[]))?;
    services::evidence::kept::name(&state.db, &actor, &token)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/labels")]
pub async fn evidence_labels() -> Result<Meanings, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::EVERYONE)
        .map_err(|e| refused(e, &[]))?;
    let (ethnicity, outcomes) = services::evidence::records::labels(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    let tables = services::evidence::populations::tables(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(Meanings {
        ethnicity,
        outcomes,
        tables,
        can_import: actor.require(domain::roles::OFFICE).is_ok(),
        may_map: actor.require(domain::roles::EDITORS).is_ok(),
    })
}
