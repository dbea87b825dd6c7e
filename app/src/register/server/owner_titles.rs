//! Server functions for the owners' job titles: the list offered on action forms.

use crate::AppError;
use domain::OwnerTitle;
use leptos::prelude::*;

#[server(endpoint = "meetings/owner-titles/list")]
pub async fn list_owner_titles() -> Result<Vec<OwnerTitle>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::owner_titles::manage(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "meetings/owner-titles/add")]
pub async fn add_owner_title(title: String, owner: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::owner_titles::add(&state.db, &actor, &title, &owner)
        .await
        .map_err(|e| refused(e, &[("title", &title), ("owner", &owner)]))?;
    leptos_axum::redirect(&format!("{}?saved=added", crate::routes::OWNER_TITLES.path));
    Ok(())
}

#[server(endpoint = "meetings/owner-titles/remove")]
pub async fn remove_owner_title(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::register::owner_titles::remove(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!(
        "{}?saved=removed",
        crate::routes::OWNER_TITLES.path
    ));
    Ok(())
}
