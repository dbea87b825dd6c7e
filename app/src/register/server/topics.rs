//! Server functions for the topics questions and actions are filed under (admins).

use crate::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/topics/list")]
pub async fn list_topics() -> Result<Vec<domain::Topic>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::topics::manage(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "admin/topics/add")]
pub async fn add_topic(name: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::topics::add(&state.db, &actor, &name)
        .await
        .map_err(|e| refused(e, &[("name", &name)]))?;
    leptos_axum::redirect("/admin/topics?saved=added");
    Ok(())
}

#[server(endpoint = "admin/topics/retire")]
pub async fn retire_topic(id: String, retire: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let retire = retire == "yes";
    services::register::topics::set_retired(&state.db, &actor, record_id(&id)?, retire)
        .await
        .map_err(|e| refused(e, &[]))?;
    let saved = if retire { "retired" } else { "restored" };
    leptos_axum::redirect(&format!("/admin/topics?saved={saved}"));
    Ok(())
}
