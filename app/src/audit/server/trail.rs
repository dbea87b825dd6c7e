//! Server functions for the audit trail: a page of it, filtered (admins only).

use crate::AppError;
use domain::{AuditFilter, AuditPage as Page};
use leptos::prelude::*;

#[server(endpoint = "admin/audit/list")]
pub async fn list_audit(filter: AuditFilter) -> Result<Page, AppError> {
    use crate::context::{fail, request};
    let (state, caller) = request().map_err(fail)?;
    let actor = caller.actor();
    actor.require(&[domain::Role::Admin]).map_err(fail)?;
    let values = [
        ("actor", filter.actor.clone().unwrap_or_default()),
        ("area", filter.area.clone().unwrap_or_default()),
        ("action", filter.action.clone().unwrap_or_default()),
        ("entity", filter.entity.clone().unwrap_or_default()),
        ("entity_id", filter.entity_id.clone().unwrap_or_default()),
        ("from", filter.from.clone().unwrap_or_default()),
        ("to", filter.to.clone().unwrap_or_default()),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    services::audit::list(&state.db, &actor, &filter)
        .await
        .map_err(|e| fail(AppError::from(e).with_values(&values)))
}
