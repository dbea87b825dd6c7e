//! Minutes: read, saved (or previewed), discarded, moved through their lifecycle, compared.

use super::*;

#[server(endpoint = "minutes/get")]
pub async fn get_minutes(meeting: String) -> Result<MinutesView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::minutes::get(&state.db, &actor, record_id(&meeting)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Saves a new version, or (`intent` = `preview`) keeps the text unsaved and shows it
/// rendered. A refused save keeps the text as unsaved too, so nothing typed is lost, even
/// without JavaScript.
#[server(endpoint = "minutes/save")]
pub async fn save_minutes(
    meeting: String,
    based_on: String,
    body: String,
    #[server(default)] reason: String,
    #[server(default)] intent: String,
) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::EDITORS)?;
    let meeting = record_id(&meeting)?;
    let based_on: i64 = based_on.trim().parse().unwrap_or(-1);
    let values = [("reason", reason.as_str())];
    if intent == "preview" {
        services::meetings::minutes::keep_unsaved(&state.db, &actor, meeting, based_on, &body)
            .await
            .map_err(|e| refused(e, &values))?;
        leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?preview=1#preview"));
        return Ok(());
    }
    let saved = services::register::minutes_actions::save_minutes(
        &state.db, &actor, meeting, based_on, &body, &reason,
    )
    .await
    .map_err(|e| refused(e, &values))?;
    // Actions written into the minutes are confirmed next, before anything else.
    let next = if saved.actions_to_confirm {
        format!(
            "/meetings/{meeting}/minutes/actions?saved={}",
            saved.version
        )
    } else {
        format!("/meetings/{meeting}/minutes?saved={}", saved.version)
    };
    leptos_axum::redirect(&next);
    Ok(())
}

/// The live preview, with JavaScript: renders and keeps nothing.
#[server(endpoint = "minutes/preview")]
pub async fn preview_minutes(body: String) -> Result<String, AppError> {
    let (_, actor) = acting()?;
    services::meetings::minutes::preview(&actor, &body)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "minutes/discard")]
pub async fn discard_unsaved(meeting: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    services::meetings::minutes::discard_unsaved(&state.db, &actor, meeting)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?saved=discarded"));
    Ok(())
}

/// Moves the minutes on in their lifecycle: `step` is submit, return, approve or publish;
/// `approved_at` is the later meeting, for approve.
#[server(endpoint = "minutes/step")]
pub async fn minutes_step(
    meeting: String,
    step: String,
    #[server(default)] approved_at: String,
    /// Publishing: the actions ticked to go public with the minutes (`publish_actions[<id>]`).
    #[server(default)]
    publish_actions: std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let db = &state.db;
    let result = match step.as_str() {
        "submit" => services::meetings::minutes::submit(db, &actor, meeting).await,
        "return" => services::meetings::minutes::return_to_draft(db, &actor, meeting).await,
        "approve" => services::meetings::minutes::approve(db, &actor, meeting, &approved_at).await,
        "publish" => {
            let mut chosen = Vec::new();
            for id in publish_actions.keys() {
                chosen.push(record_id(id)?);
            }
            chosen.sort_unstable();
            services::meetings::minutes::publish_with(db, &actor, meeting, &chosen).await
        }
        _ => Err(services::Error::invalid(
            "step",
            "Choose what to do with the minutes",
        )),
    };
    result.map_err(|e| refused(e, &[("approved_at", &approved_at)]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?saved={step}"));
    Ok(())
}

#[server(endpoint = "minutes/diff")]
pub async fn diff_minutes(meeting: String, from: i64, to: i64) -> Result<MinutesDiff, AppError> {
    let (state, actor) = acting()?;
    services::meetings::minutes::diff(&state.db, &actor, record_id(&meeting)?, from, to)
        .await
        .map_err(|e| refused(e, &[]))
}
