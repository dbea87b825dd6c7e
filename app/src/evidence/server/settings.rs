//! The evidence settings: the force overseen, the fewest searches, population tables and thresholds.

use super::*;

#[server(endpoint = "evidence/settings")]
pub async fn evidence_settings() -> Result<Settings, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::OFFICE)
        .map_err(|e| refused(e, &[]))?;
    let settings = services::evidence::settings::get(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(Settings {
        settings,
        may_set_force: actor.require(domain::roles::ADMINS).is_ok(),
        may_set_fewest: actor
            .require(&[domain::Role::Admin, domain::Role::Commissioner])
            .is_ok(),
    })
}

#[server(endpoint = "evidence/our-force")]
pub async fn set_our_force(#[server(default)] force: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::settings::set_our_force(&state.db, &actor, &force)
        .await
        .map_err(|e| refused(e, &[("force", &force)]))?;
    leptos_axum::redirect("/evidence/import?saved=force");
    Ok(())
}

#[server(endpoint = "evidence/fewest-searches")]
pub async fn set_fewest_searches(#[server(default)] fewest: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::settings::set_fewest_searches(&state.db, &actor, &fewest)
        .await
        .map_err(|e| refused(e, &[("fewest", &fewest)]))?;
    leptos_axum::redirect("/evidence/import?saved=fewest");
    Ok(())
}

#[server(endpoint = "evidence/population-default")]
pub async fn choose_population_table(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::populations::choose_default(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/evidence/labels?saved=default");
    Ok(())
}

#[server(endpoint = "evidence/population-import")]
pub async fn import_population(
    #[server(default)] name: String,
    #[server(default)] source: String,
    #[server(default)] year: String,
    #[server(default)] table: String,
    #[server(default)] default: Option<String>,
) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let values = [
        ("name", name.as_str()),
        ("source", source.as_str()),
        ("year", year.as_str()),
        ("table", table.as_str()),
    ];
    let details = services::evidence::populations::TableDetails {
        name: name.trim().to_owned(),
        source: source.trim().to_owned(),
        year: year.trim().parse().unwrap_or(0),
    };
    let outcome = services::evidence::populations::import(
        &state.db,
        &actor,
        &details,
        default.is_some(),
        table.as_bytes(),
    )
    .await
    .map_err(|e| refused(e, &values))?;
    if let Err(problems) = outcome {
        let mut listed: Vec<String> = problems
            .iter()
            .take(10)
            .map(|p| format!("line {}, {}: {}", p.line, p.column, p.reason))
            .collect();
        if problems.len() > 10 {
            listed.push(format!("and {} more", problems.len() - 10));
        }
        let message = format!("The table was not imported. Correct {}", listed.join("; "));
        return Err(refused(services::Error::invalid("table", message), &values));
    }
    leptos_axum::redirect("/evidence/labels?saved=table");
    Ok(())
}

#[server(endpoint = "evidence/threshold-add")]
pub async fn add_threshold(
    #[server(default)] kind: String,
    #[server(default)] value: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::add(&state.db, &actor, &kind, &value)
        .await
        .map_err(|e| refused(e, &[("kind", &kind), ("value", &value)]))?;
    leptos_axum::redirect(&format!("/evidence?{address}#thresholds"));
    Ok(())
}

#[server(endpoint = "evidence/threshold-remove")]
pub async fn remove_threshold(
    id: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::remove(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/evidence?{address}#thresholds"));
    Ok(())
}
