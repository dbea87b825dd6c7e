//! Complaints data: the figures, an import, and their thresholds.

use super::*;

#[server(endpoint = "evidence/complaints")]
pub async fn complaints_page(
    #[server(default)] force: String,
) -> Result<domain::evidence::ComplaintsView, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::page(&state.db, &actor, &force)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/complaint-import")]
pub async fn complaint_import(id: String) -> Result<domain::evidence::ComplaintImport, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::import_record(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/complaints-threshold-add")]
pub async fn add_complaint_threshold(
    #[server(default)] threshold_measure: String,
    #[server(default)] percent: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::add_threshold(&state.db, &actor, &threshold_measure, &percent)
        .await
        .map_err(|e| {
            refused(
                e,
                &[
                    ("threshold_measure", &threshold_measure),
                    ("percent", &percent),
                ],
            )
        })?;
    leptos_axum::redirect("/evidence/complaints?saved=threshold");
    Ok(())
}

#[server(endpoint = "evidence/complaints-threshold-remove")]
pub async fn remove_complaint_threshold(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::remove_threshold(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/evidence/complaints?saved=removed");
    Ok(())
}
