//! Server functions for signing in and out. Endpoints are named, not hashed, so that the
//! access-control tests can call each one.

use leptos::prelude::*;

use crate::accounts::Me;
use crate::AppError;

#[server(endpoint = "current-user")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    me()
}

/// The signed-in person of the request being served.
#[cfg(feature = "ssr")]
pub(crate) fn me() -> Result<Option<Me>, AppError> {
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
    if let Some(old) = &caller.token {
        // A session already in the browser ends: one browser, one session.
        services::accounts::sessions::end(&state.db, old)
            .await
            .map_err(AppError::from)?;
    }
    hand_over(&state, &caller, &signed_in.token).await?;
    if signed_in.awaiting_code {
        let next = crate::routes::safe_next(&next)
            .map(|next| format!("?next={}", crate::routes::encode_query_value(next)))
            .unwrap_or_default();
        leptos_axum::redirect(&format!("{}{next}", crate::routes::SIGN_IN_CODE.path));
        return Ok(());
    }
    signed_in_go_on(&state, &signed_in.user, &next).await;
    Ok(())
}

/// Gives the browser the cookie of a session just started (signed in, or awaiting its
/// code), noting the browser and address for the person's sessions page.
#[cfg(feature = "ssr")]
async fn hand_over(
    state: &crate::context::AppState,
    caller: &crate::context::Caller,
    token: &str,
) -> Result<(), AppError> {
    let user_agent = use_context::<http::request::Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        })
        .unwrap_or_default();
    services::accounts::sessions::describe(&state.db, token, &user_agent, &caller.address)
        .await
        .map_err(AppError::from)?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = http::HeaderValue::from_str(&state.cookie.set(token)) {
        response.append_header(http::header::SET_COOKIE, cookie);
    }
    Ok(())
}

/// Where a person goes once signed in: to change the password an admin set, back to work
/// kept for them, or to `next`.
#[cfg(feature = "ssr")]
async fn signed_in_go_on(
    state: &crate::context::AppState,
    user: &services::accounts::sessions::SessionUser,
    next: &str,
) {
    tracing::info!(user.id = %user.id, "signed in");
    if user.must_change_password {
        leptos_axum::redirect("/account/password");
        return;
    }
    match super::kept::give_back(state, user.id).await {
        Some(page) => leptos_axum::redirect(&page),
        None => leptos_axum::redirect(crate::routes::safe_next(next).unwrap_or("/")),
    }
}

/// The second step of signing in, for a person with a second factor: the code from their
/// app (or a recovery code) for the session their password started.
#[server(endpoint = "sign-in/code")]
pub async fn sign_in_code(
    #[server(default)] code: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    let (state, caller) = crate::context::request()?;
    let (Some(_), Some(token)) = (caller.awaiting_code, &caller.token) else {
        return Err(
            crate::context::fail(AppError::from(services::Error::invalid(
                services::accounts::two_factor::CODE_FIELD,
                "This sign-in has timed out: sign in again with your email address and password",
            )))
            .with_values(&[("next", &next)]),
        );
    };
    let (signed_in, used) = services::accounts::two_factor::sign_in_with_code(
        &state.db,
        state.throttle,
        token,
        &code,
        &caller.address,
        services::now(),
    )
    .await
    .map_err(|e| crate::context::fail(AppError::from(e)).with_values(&[("next", &next)]))?;
    hand_over(&state, &caller, &signed_in.token).await?;
    if let services::accounts::two_factor::Used::RecoveryCode { left } = used {
        // Few left: straight to the page that makes new ones.
        if left <= 3 {
            // A fixed word: the page shows the number from the account, not the address.
            leptos_axum::redirect("/account/two-factor?recovery=few");
            return Ok(());
        }
    }
    signed_in_go_on(&state, &signed_in.user, &next).await;
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
