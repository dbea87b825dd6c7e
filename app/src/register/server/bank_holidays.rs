//! Server functions for the bank holidays that working-day due dates skip (admins).

use crate::AppError;
use leptos::prelude::*;

#[server(endpoint = "admin/bank-holidays/list")]
pub async fn list_bank_holidays() -> Result<Vec<(String, String)>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::bank_holidays::list(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "admin/bank-holidays/add")]
pub async fn add_bank_holiday(day: String, name: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::bank_holidays::add_holiday(&state.db, &actor, &day, &name)
        .await
        .map_err(|e| refused(e, &[("day", &day), ("name", &name)]))?;
    leptos_axum::redirect("/admin/bank-holidays?saved=added");
    Ok(())
}

#[server(endpoint = "admin/bank-holidays/remove")]
pub async fn remove_bank_holiday(day: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::register::bank_holidays::remove_holiday(&state.db, &actor, &day)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/admin/bank-holidays?saved=removed");
    Ok(())
}
