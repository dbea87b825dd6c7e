//! Server functions for a person's emails about new work: what they get, and the outbox.

use crate::AppError;
use domain::Notice;
use leptos::prelude::*;

/// The notices the caller's role can receive, each with whether they get it.
#[server(endpoint = "account/notifications")]
pub async fn notification_choices() -> Result<Vec<(Notice, bool)>, AppError> {
    let (state, actor) = crate::context::acting()?;
    services::work::notifications::choices(&state.db, &actor)
        .await
        .map_err(|e| crate::context::refused(e, &[]))
}

/// Records the caller's choices: the ticked notices (`wanted[<notice>]`) are wanted, the
/// rest are not.
#[server(endpoint = "account/notifications/save")]
pub async fn choose_notifications(
    #[server(default)] wanted: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    let (state, actor) = crate::context::acting()?;
    let wanted: Vec<Notice> = wanted
        .keys()
        .filter_map(|w| Notice::parse(w).ok())
        .collect();
    services::work::notifications::choose(&state.db, &actor, &wanted)
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    leptos_axum::redirect("/account/notifications?saved=1");
    Ok(())
}
