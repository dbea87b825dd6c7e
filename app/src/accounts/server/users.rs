//! Server functions for managing user accounts (admins only): list, add, edit, invite, reset.

use crate::AppError;
use domain::UserView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn admin() -> Result<(crate::context::AppState, services::audit::Actor), AppError> {
    use crate::context::{fail, request};
    let (state, caller) = request().map_err(fail)?;
    let actor = caller.actor();
    actor.require(&[domain::Role::Admin]).map_err(fail)?;
    Ok((state, actor))
}

#[cfg(feature = "ssr")]
fn parse_id(id: &str) -> Result<domain::UserId, AppError> {
    id.trim()
        .parse::<i64>()
        .map(domain::UserId)
        .map_err(|_| crate::context::fail(AppError::NotFound))
}

#[cfg(feature = "ssr")]
const PASSWORDS_DIFFER: &str = "The passwords do not match";

#[cfg(feature = "ssr")]
fn check_confirmation(
    password: &str,
    confirm: &str,
) -> Result<domain::NewPassword, services::Error> {
    let mut errors = domain::FieldErrors::new();
    let parsed = errors.check("password", domain::NewPassword::parse(password));
    if parsed.is_some() && password != confirm {
        errors.add("confirm_password", PASSWORDS_DIFFER);
    }
    errors.into_result()?;
    parsed.ok_or_else(|| services::Error::invalid("password", "Enter a password"))
}

/// The accounts whose name or email contains `q`, with role `role` (both optional).
#[server(endpoint = "admin/users/list")]
pub async fn list_users(
    #[server(default)] q: String,
    #[server(default)] role: String,
) -> Result<Vec<UserView>, AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let filter = services::accounts::users::UserFilter { words: q, role };
    services::accounts::users::list(&state.db, &actor, &filter)
        .await
        .map_err(fail)
}

#[server(endpoint = "admin/users/get")]
pub async fn get_user(id: String) -> Result<UserView, AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    services::accounts::users::get(&state.db, &actor, parse_id(&id)?)
        .await
        .map_err(fail)
}

#[server(endpoint = "admin/users/create")]
pub async fn create_user(
    email: String,
    display_name: String,
    role: String,
    password: String,
    confirm_password: String,
    #[server(default)] your_password: String,
) -> Result<(), AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let values = [
        ("email", email.as_str()),
        ("display_name", &display_name),
        ("role", &role),
    ];
    if password.is_empty() && confirm_password.is_empty() {
        let result = async {
            if !state.mail_on {
                return Err(services::Error::invalid(
                    "password",
                    "Emails are off on this server, so an invitation cannot be sent: set a password for them",
                ));
            }
            let new = services::accounts::users::NewInvitee::parse(&email, &display_name, &role)?;
            services::accounts::users::invite(&state.db, &actor, new, &your_password).await
        }
        .await;
        let user = result.map_err(|e| fail(AppError::from(e).with_values(&values)))?;
        leptos_axum::redirect(&format!("/admin/users?invited={}", user.id));
        return Ok(());
    }
    let result = async {
        let parsed =
            services::accounts::users::NewUser::parse(&email, &display_name, &role, &password);
        let new = match (parsed, password == confirm_password) {
            (Ok(new), true) => new,
            (Ok(_), false) => {
                return Err(services::Error::invalid(
                    "confirm_password",
                    PASSWORDS_DIFFER,
                ))
            }
            (Err(services::Error::Invalid(mut errors)), false)
                if errors.get("password").is_none() =>
            {
                errors.add("confirm_password", PASSWORDS_DIFFER);
                return Err(services::Error::Invalid(errors));
            }
            (Err(e), _) => return Err(e),
        };
        services::accounts::users::create(&state.db, &actor, new, &your_password).await
    }
    .await;
    let user = result.map_err(|e| fail(AppError::from(e).with_values(&values)))?;
    leptos_axum::redirect(&format!("/admin/users?created={}", user.id));
    Ok(())
}

#[server(endpoint = "admin/users/update")]
pub async fn update_user(
    id: String,
    email: String,
    display_name: String,
    role: String,
    #[server(default)] active: Option<String>,
    #[server(default)] your_password: String,
) -> Result<(), AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let user_id = parse_id(&id)?;
    let is_active = active.as_deref() == Some("on");
    let values = [
        ("email", email.as_str()),
        ("display_name", &display_name),
        ("role", &role),
        ("active", if is_active { "on" } else { "" }),
    ];
    let result = async {
        let details =
            services::accounts::users::UserDetails::parse(&email, &display_name, &role, is_active)?;
        services::accounts::users::update(&state.db, &actor, user_id, details, &your_password).await
    }
    .await;
    result.map_err(|e| fail(AppError::from(e).with_values(&values)))?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?saved=details"));
    Ok(())
}

/// Emails the person a new invitation link (any earlier one stops working).
#[server(endpoint = "admin/users/invite")]
pub async fn invite_user(
    id: String,
    #[server(default)] your_password_for_invite: String,
) -> Result<(), AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let user_id = parse_id(&id)?;
    if !state.mail_on {
        return Err(fail(AppError::from(services::Error::invalid(
            "invite",
            "Emails are off on this server, so an invitation cannot be sent",
        ))));
    }
    services::accounts::invitations::reissue(&state.db, &actor, user_id, &your_password_for_invite)
        .await
        .map_err(|e| fail(AppError::from(e)))?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?saved=invited"));
    Ok(())
}

#[server(endpoint = "admin/users/reset-password")]
pub async fn reset_password(
    id: String,
    password: String,
    confirm_password: String,
    #[server(default)] your_password_for_reset: String,
) -> Result<(), AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let user_id = parse_id(&id)?;
    let result = async {
        let password = check_confirmation(&password, &confirm_password)?;
        services::accounts::users::reset_password(
            &state.db,
            &actor,
            user_id,
            password,
            &your_password_for_reset,
        )
        .await
    }
    .await;
    result.map_err(fail)?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?saved=password"));
    Ok(())
}

/// Removes a person's second factor (a lost phone, no recovery codes left): their sessions
/// end and they set up a new one when they next sign in.
#[server(endpoint = "admin/users/reset-two-factor")]
pub async fn reset_two_factor(
    id: String,
    #[server(default)] your_password_for_two_factor: String,
) -> Result<(), AppError> {
    use crate::context::fail;
    let (state, actor) = admin()?;
    let user_id = parse_id(&id)?;
    services::accounts::two_factor::reset(
        &state.db,
        &actor,
        user_id,
        &your_password_for_two_factor,
    )
    .await
    .map_err(fail)?;
    leptos_axum::redirect(&format!("/admin/users/{user_id}?saved=two-factor"));
    Ok(())
}
