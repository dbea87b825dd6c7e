//! Server functions for a person changing their own password.

use crate::AppError;
use leptos::prelude::*;

#[server(endpoint = "account/password")]
pub async fn change_password(
    #[server(default)] current_password: String,
    #[server(default)] password: String,
    #[server(default)] confirm_password: String,
) -> Result<(), AppError> {
    use services::accounts::own_password::{change, PasswordChange};
    let (state, caller) = crate::context::request()?;
    let (Some(_), Some(token)) = (&caller.user, &caller.token) else {
        return Err(crate::context::fail(AppError::Unauthenticated));
    };
    let form = PasswordChange {
        current: &current_password,
        new: &password,
        confirm: &confirm_password,
    };
    let ended = change(&state.db, &caller.actor(), token, form)
        .await
        .map_err(|e| crate::context::refused(e, &[]))?;
    // A fixed word, not a number or text: the banner is trusted, and its address is not.
    let changed = if ended == 0 { "alone" } else { "others" };
    leptos_axum::redirect(&format!("/account/password?changed={changed}"));
    Ok(())
}
