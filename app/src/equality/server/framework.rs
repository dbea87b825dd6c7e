//! The equality framework: objectives, plans and progress updates.

use super::*;

#[server(endpoint = "equality/framework")]
pub async fn equality_framework() -> Result<Framework, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::equality::objectives::framework(&state.db, &actor, services::common::london::today())
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/add-plan")]
pub async fn add_plan(
    #[server(default)] title: String,
    #[server(default)] starts_on: String,
    #[server(default)] review_on: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let values = [
        ("title", title.as_str()),
        ("starts_on", &starts_on),
        ("review_on", &review_on),
    ];
    let result = async {
        let plan = services::equality::objectives::NewPlan::parse(&title, &starts_on, &review_on)?;
        services::equality::objectives::add_plan(&state.db, &actor, plan).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect("/equality?saved=plan");
    Ok(())
}

#[server(endpoint = "equality/add-objective")]
pub async fn add_objective(
    #[server(default)] plan: String,
    #[server(default)] group: String,
    #[server(default)] objective: String,
    #[server(default)] owner: String,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let plan = record_id(&plan)?;
    services::equality::objectives::add_objective(
        &state.db, &actor, plan, &group, &objective, &owner,
    )
    .await
    .map_err(|e| {
        refused(
            e,
            &[
                ("group", &group),
                ("objective", &objective),
                ("owner", &owner),
            ],
        )
    })?;
    leptos_axum::redirect("/equality?saved=objective");
    Ok(())
}

#[server(endpoint = "equality/add-update")]
pub async fn add_progress(
    #[server(default)] objective_id: String,
    #[server(default)] rating: String,
    #[server(default)] progress: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let values = [
        ("objective_id", objective_id.as_str()),
        ("rating", &rating),
        ("progress", &progress),
    ];
    let Ok(id) = objective_id.trim().parse::<i64>() else {
        return Err(refused(
            services::Error::invalid("objective_id", "Choose the objective"),
            &values,
        ));
    };
    services::equality::objectives::add_update(&state.db, &actor, id, &rating, &progress)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect("/equality?saved=progress");
    Ok(())
}
