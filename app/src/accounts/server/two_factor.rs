//! Server functions for a person's second factor: setting it up, confirming it, starting again.

use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TwoFactorView {
    On {
        since: String,
        recovery_codes_left: i64,
    },
    /// Not set up, and no key made yet.
    NotStarted { required: bool },
    SettingUp {
        /// The QR code, as a `data:` address.
        qr: String,
        /// The key in groups of four, for typing into an app.
        key: String,
        recovery_codes: Vec<String>,
        /// Everyone must have one (`SCRUTINEER_SECOND_FACTOR=required`).
        required: bool,
    },
}

#[server(endpoint = "account/two-factor")]
pub async fn two_factor() -> Result<TwoFactorView, AppError> {
    use services::accounts::two_factor::{status, Policy, Status};
    let (state, caller) = crate::context::request()?;
    let Some(user) = &caller.user else {
        return Err(crate::context::fail(AppError::Unauthenticated));
    };
    let status = status(&state.db, user.id)
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    Ok(match status {
        Status::On {
            since,
            recovery_codes_left,
        } => TwoFactorView::On {
            since: services::common::london::show(since).long,
            recovery_codes_left,
        },
        Status::NotStarted => TwoFactorView::NotStarted {
            required: state.second_factor == Policy::Required,
        },
        Status::Setting {
            secret,
            recovery_codes,
        } => TwoFactorView::SettingUp {
            qr: services::accounts::totp::qr_data_uri(
                &secret.otpauth_uri("Scrutineer", &user.email),
            )
            .ok_or_else(|| crate::context::fail(AppError::Internal))?,
            key: secret.grouped(),
            recovery_codes,
            required: state.second_factor == Policy::Required,
        },
    })
}

/// Makes the person's key and recovery codes, to show on the set-up page: a post, so that
/// merely looking at the page writes nothing.
#[server(endpoint = "account/two-factor/begin")]
pub async fn begin_two_factor() -> Result<(), AppError> {
    let (state, caller) = crate::context::request()?;
    if caller.user.is_none() {
        return Err(crate::context::fail(AppError::Unauthenticated));
    }
    services::accounts::two_factor::begin(&state.db, &caller.actor())
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

#[server(endpoint = "account/two-factor/confirm")]
pub async fn confirm_two_factor(#[server(default)] code: String) -> Result<(), AppError> {
    let (state, caller) = crate::context::request()?;
    if caller.user.is_none() {
        return Err(crate::context::fail(AppError::Unauthenticated));
    }
    services::accounts::two_factor::confirm(&state.db, &caller.actor(), &code, services::now())
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    leptos_axum::redirect("/account/two-factor?on=1");
    Ok(())
}

#[server(endpoint = "account/two-factor/start-again")]
pub async fn start_two_factor_again(#[server(default)] password: String) -> Result<(), AppError> {
    let (state, caller) = crate::context::request()?;
    let (Some(_), Some(token)) = (&caller.user, &caller.token) else {
        return Err(crate::context::fail(AppError::Unauthenticated));
    };
    services::accounts::two_factor::start_again(&state.db, &caller.actor(), token, &password)
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}
