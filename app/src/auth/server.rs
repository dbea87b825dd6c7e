//! Server functions for signing in and out. Endpoints are named, not hashed, so that the
//! access-control tests can call each one.

use leptos::prelude::*;

use super::Me;
use crate::AppError;

#[server(endpoint = "current-user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    me()
}

/// The signed-in person of the request being served.
#[cfg(feature = "ssr")]
pub(super) fn me() -> Result<Option<Me>, AppError> {
    let (state, caller) = crate::context::request()?;
    Ok(caller.user.map(|u| Me {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        role: u.role,
        session_idle_secs: state.sessions.idle_secs,
        must_change_password: u.must_change_password,
    }))
}

/// Signs in and goes to `next` (a path on this site) or the home page.
#[server(endpoint = "sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use leptos_axum::ResponseOptions;
    let (state, caller) = crate::context::request()?;
    let signed_in = services::accounts::auth::sign_in(
        &state.db,
        state.throttle,
        &email,
        &password,
        &caller.address,
    )
    .await
    .map_err(|e| AppError::from(e).with_values(&[("email", &email), ("next", &next)]))?;
    let user_agent = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    services::accounts::sessions::describe(
        &state.db,
        &signed_in.token,
        &user_agent,
        &caller.address,
    )
    .await
    .map_err(AppError::from)?;
    if let Some(old) = &caller.token {
        // A session already in the browser ends: one browser, one session.
        services::accounts::sessions::end(&state.db, old)
            .await
            .map_err(AppError::from)?;
    }
    let response = expect_context::<ResponseOptions>();
    if let Ok(cookie) = http::HeaderValue::from_str(&state.cookie.set(&signed_in.token)) {
        response.append_header(http::header::SET_COOKIE, cookie);
    }
    tracing::info!(user.id = %signed_in.user.id, "signed in");
    if signed_in.user.must_change_password {
        leptos_axum::redirect("/account/password");
        return Ok(());
    }
    let back = super::kept::give_back(&state, signed_in.user.id).await;
    match back {
        Some(page) => leptos_axum::redirect(&page),
        None => leptos_axum::redirect(crate::routes::safe_next(&next).unwrap_or("/")),
    }
    Ok(())
}

/// Counts the caller's session as in use now, for someone still typing into a long form;
/// answers how many seconds it now has left without use.
#[server(endpoint = "session/keep-alive")]
pub async fn keep_alive() -> Result<i64, AppError> {
    let (state, caller) = crate::context::request()?;
    match (&caller.user, &caller.token) {
        (Some(_), Some(token)) => {
            services::accounts::sessions::keep_alive(&state.db, token, services::now())
                .await
                .map_err(AppError::from)?;
            Ok(state.sessions.idle_secs)
        }
        _ => Err(crate::context::fail(AppError::Unauthenticated)),
    }
}

#[server(endpoint = "sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use leptos_axum::ResponseOptions;
    let (state, caller) = crate::context::request()?;
    if let Some(token) = &caller.token {
        services::accounts::auth::sign_out(&state.db, &caller.actor(), token)
            .await
            .map_err(AppError::from)?;
    }
    let response = expect_context::<ResponseOptions>();
    if let Ok(cookie) = http::HeaderValue::from_str(&state.cookie.clear()) {
        response.append_header(http::header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect("/");
    Ok(())
}
