//! The evidence page's figures, publishing them, and the public's page.

use super::*;

#[server(endpoint = "evidence/figures")]
pub async fn evidence_figures(#[server(default)] query: String) -> Result<EvidenceView, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::page::page(&state.db, &actor, &query)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/publish")]
pub async fn publish_evidence(
    force: String,
    publish: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::set_published(&state.db, &actor, &force, publish == "yes")
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/evidence?{address}"));
    Ok(())
}

#[server(endpoint = "public/evidence")]
pub async fn public_evidence(
    #[server(default)] force: String,
) -> Result<domain::evidence::PublicEvidence, AppError> {
    use crate::context::{anyone, refused};
    let (state, _) = anyone()?;
    let force = (!force.trim().is_empty()).then_some(force.trim());
    services::evidence::thresholds::public(&state.db, force)
        .await
        .map_err(|e| refused(e, &[]))
}
