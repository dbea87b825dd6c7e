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

/// The new-contract form as posted, with or without JavaScript.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContractFields {
    pub kind: String,
    pub title: String,
    pub party: String,
    pub value: String,
    pub starts_on: String,
    pub ends_on: String,
    pub requirements: String,
    pub manager_name: String,
    /// The monitoring returns' due dates, one per line.
    pub monitoring: String,
}

#[cfg(feature = "ssr")]
impl ContractFields {
    fn parse(&self) -> services::Result<services::equality::contracts::NewContract> {
        services::equality::contracts::NewContract::parse(
            &self.kind,
            &self.title,
            &self.party,
            &self.value,
            &self.starts_on,
            &self.ends_on,
            &self.requirements,
            &self.manager_name,
            &self.monitoring,
        )
    }

    /// What to put back in the form if it is refused.
    fn values(&self) -> [(&'static str, &str); 9] {
        [
            ("kind", &self.kind),
            ("title", &self.title),
            ("party", &self.party),
            ("value", &self.value),
            ("starts_on", &self.starts_on),
            ("ends_on", &self.ends_on),
            ("requirements", &self.requirements),
            ("manager_name", &self.manager_name),
            ("monitoring", &self.monitoring),
        ]
    }
}

#[server(endpoint = "equality/add-contract")]
pub async fn add_contract(#[server(flatten)] form: ContractFields) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let result =
        async { services::equality::contracts::add(&state.db, &actor, form.parse()?).await }.await;
    let id = result.map_err(|e| refused(e, &form.values()))?;
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
