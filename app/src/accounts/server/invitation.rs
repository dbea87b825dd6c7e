//! Server functions for an invitation: who it is for, and accepting it with a password.

use crate::AppError;
use leptos::prelude::*;

/// Whom the link is for (name, email), or `None` when it no longer works (used, expired,
/// replaced, or never was).
#[server(endpoint = "invitation")]
pub async fn invitation(token: String) -> Result<Option<(String, String)>, AppError> {
    let (state, _) = crate::context::anyone()?;
    match services::accounts::invitations::find(&state.db, &token, services::now()).await {
        Ok(found) => Ok(Some(found)),
        Err(services::Error::NotFound) => Ok(None),
        Err(e) => Err(crate::context::refused(e, &[])),
    }
}

/// Sets the password from the link, once, and sends the person to sign in with it.
#[server(endpoint = "invitation/accept")]
pub async fn accept_invitation(
    token: String,
    #[server(default)] password: String,
    #[server(default)] confirm_password: String,
) -> Result<(), AppError> {
    let (state, _) = crate::context::anyone()?;
    let result = async {
        // Compared as typed, before parsing: the parsed password is never shown back.
        if password != confirm_password {
            return Err(services::Error::invalid(
                "confirm_password",
                "The passwords do not match",
            ));
        }
        let password = domain::NewPassword::parse(&password)
            .map_err(|message| services::Error::invalid("password", message))?;
        services::accounts::invitations::accept(&state.db, &token, password, services::now()).await
    }
    .await;
    match result {
        Ok(_) => {
            leptos_axum::redirect("/sign-in?invited=1");
            Ok(())
        }
        Err(services::Error::NotFound) => Err(crate::context::fail(AppError::from(
            services::Error::invalid(
                "password",
                "This link no longer works: ask your Scrutineer administrator for a new invitation",
            ),
        ))),
        Err(e) => Err(crate::context::fail(AppError::from(e))),
    }
}
