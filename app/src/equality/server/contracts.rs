//! Contracts and their equality monitoring returns.

use super::*;

#[server(endpoint = "equality/contracts")]
pub async fn list_contracts() -> Result<Vec<domain::equality::ContractView>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::equality::contracts::list(&state.db, &actor, services::common::london::today())
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/contract")]
pub async fn get_contract(id: String) -> Result<domain::equality::ContractView, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::equality::contracts::get(
        &state.db,
        &actor,
        record_id(&id)?,
        services::common::london::today(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/add-contract")]
pub async fn add_contract(
    #[server(default)] kind: String,
    #[server(default)] title: String,
    #[server(default)] party: String,
    #[server(default)] value: String,
    #[server(default)] starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] requirements: String,
    #[server(default)] manager_name: String,
    #[server(default)] monitoring: String,
) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let values = [
        ("kind", kind.as_str()),
        ("title", &title),
        ("party", &party),
        ("value", &value),
        ("starts_on", &starts_on),
        ("ends_on", &ends_on),
        ("requirements", &requirements),
        ("manager_name", &manager_name),
        ("monitoring", &monitoring),
    ];
    let result = async {
        let new = services::equality::contracts::NewContract::parse(
            &kind,
            &title,
            &party,
            &value,
            &starts_on,
            &ends_on,
            &requirements,
            &manager_name,
            &monitoring,
        )?;
        services::equality::contracts::add(&state.db, &actor, new).await
    }
    .await;
    let id = result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/equality/contracts/{id}?saved=added"));
    Ok(())
}

#[server(endpoint = "equality/add-monitoring-date")]
pub async fn add_monitoring_date(
    id: String,
    #[server(default)] due_on: String,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    services::equality::contracts::add_due(&state.db, &actor, id, &due_on)
        .await
        .map_err(|e| refused(e, &[("due_on", &due_on)]))?;
    leptos_axum::redirect(&format!("/equality/contracts/{id}?saved=date"));
    Ok(())
}

#[server(endpoint = "equality/record-return")]
pub async fn record_return(
    id: String,
    #[server(default)] return_due: String,
    #[server(default)] received_on: String,
    #[server(default)] evidence: String,
    #[server(default)] return_rating: String,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [
        ("return_due", return_due.as_str()),
        ("received_on", &received_on),
        ("evidence", &evidence),
        ("return_rating", &return_rating),
    ];
    services::equality::contracts::record_return(
        &state.db,
        &actor,
        id,
        &return_due,
        &received_on,
        &evidence,
        &return_rating,
    )
    .await
    .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/equality/contracts/{id}?saved=received"));
    Ok(())
}
