//! Equality on a question or action: its tags and assurance, and what the public reads of them.

use super::*;

#[server(endpoint = "equality/record")]
pub async fn equality_of_record(kind: String, id: String) -> Result<RecordEquality, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::equality::tags::for_record(&state.db, &actor, subject(&kind)?, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/record-equality")]
pub async fn public_equality_of_record(
    kind: String,
    id: String,
) -> Result<RecordEquality, AppError> {
    use crate::context::{anyone, record_id, refused};
    let (state, _) = anyone()?;
    services::equality::tags::for_public(&state.db, subject(&kind)?, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Replaces a record's tags with the ticked boxes (`tags[<tag>]=on`).
#[server(endpoint = "equality/tag")]
pub async fn tag_record(
    kind: String,
    id: String,
    #[server(default)] tags: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let subject = subject(&kind)?;
    let keys: Vec<String> = tags
        .into_iter()
        .filter(|(_, on)| on == "on")
        .map(|(key, _)| key)
        .collect();
    services::equality::tags::set(&state.db, &actor, subject, id, &keys)
        .await
        .map_err(|e| refused(e, &[]))?;
    let page = if kind == "question" {
        "questions"
    } else {
        "actions"
    };
    leptos_axum::redirect(&format!("/{page}/{id}?saved=tagged#equality"));
    Ok(())
}
