//! Server functions for a person's sessions: where they are signed in, and ending the others.

use crate::AppError;
use domain::SessionView;
use leptos::prelude::*;

#[server(endpoint = "account/sessions")]
pub async fn own_sessions() -> Result<Vec<SessionView>, AppError> {
    let (state, caller) = crate::context::request()?;
    let (Some(user), Some(token)) = (&caller.user, &caller.token) else {
        return Err(crate::context::fail(AppError::Unauthenticated));
    };
    services::accounts::sessions::own(&state.db, user.id, token, state.sessions, services::now())
        .await
        .map_err(|e| crate::context::refused(e, &[]))
}

#[server(endpoint = "account/sessions/end-others")]
pub async fn end_other_sessions() -> Result<(), AppError> {
    let (state, caller) = crate::context::request()?;
    let (Some(_), Some(token)) = (&caller.user, &caller.token) else {
        return Err(crate::context::fail(AppError::Unauthenticated));
    };
    let ended = services::accounts::sessions::end_others(&state.db, &caller.actor(), token)
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    leptos_axum::redirect(&format!("/account/sessions?ended={ended}"));
    Ok(())
}
