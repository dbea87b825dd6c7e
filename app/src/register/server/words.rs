//! Server functions for a response's or answer's words: what the public reads, chosen and redacted.

use crate::AppError;
use domain::ResponseWords;
use leptos::prelude::*;

#[server(endpoint = "register/words")]
pub async fn get_response_words(id: String) -> Result<ResponseWords, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::register::words::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "register/words/choose")]
pub async fn choose_words(id: String, publish: String, summary: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let entry = record_id(&id)?;
    services::register::words::choose(&state.db, &actor, entry, &publish, &summary)
        .await
        .map_err(|e| refused(e, &[("publish", &publish), ("summary", &summary)]))?;
    leptos_axum::redirect(&format!("/words/{entry}?saved=chosen"));
    Ok(())
}

#[server(endpoint = "register/words/redact")]
pub async fn redact_words(id: String, phrase: String, reason: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let entry = record_id(&id)?;
    services::register::words::redact(&state.db, &actor, entry, &phrase, &reason)
        .await
        .map_err(|e| refused(e, &[("phrase", &phrase), ("reason", &reason)]))?;
    leptos_axum::redirect(&format!("/words/{entry}?saved=redacted"));
    Ok(())
}

#[server(endpoint = "register/words/lift")]
pub async fn lift_redaction(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let entry = services::register::words::lift(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/words/{entry}?saved=lifted"));
    Ok(())
}
