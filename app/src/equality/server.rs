//! The equality area's server functions, each thin over `services::equality`.
#![allow(
    clippy::too_many_arguments,
    reason = "one argument per form field; `#[server]` repeats the signature, so `expect` cannot be used"
)]

use domain::equality::{AnnualReport, Coverage, Framework, RecordEquality};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
fn subject(kind: &str) -> Result<services::register::Subject, AppError> {
    match kind {
        "question" => Ok(services::register::Subject::Question),
        "action" => Ok(services::register::Subject::Action),
        _ => Err(crate::context::fail(AppError::NotFound)),
    }
}

/// A year from a form or address: the financial year today is in when empty.
#[cfg(feature = "ssr")]
fn year_of(text: &str) -> Result<i32, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(services::equality::financial_year_of(
            services::london::today(),
        ));
    }
    text.get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| services::equality::report::YEARS.contains(y))
        .ok_or_else(|| {
            crate::context::refused(
                services::Error::invalid("year", "Enter a year such as 2026 (for 2026/27)"),
                &[("year", text)],
            )
        })
}

#[server(endpoint = "equality/framework")]
pub async fn equality_framework() -> Result<Framework, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::equality::objectives::framework(&state.db, &actor, services::london::today())
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

#[server(endpoint = "equality/record")]
pub async fn equality_of_record(kind: String, id: String) -> Result<RecordEquality, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::equality::tags::for_record(&state.db, &actor, subject(&kind)?, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/record-equality")]
pub async fn public_equality_of_record(
    kind: String,
    id: String,
) -> Result<RecordEquality, AppError> {
    use crate::context::{anyone, record_id, refused};
    let (state, _) = anyone()?;
    services::equality::tags::for_public(&state.db, subject(&kind)?, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Replaces a record's tags with the ticked boxes (`tags[<tag>]=on`).
#[server(endpoint = "equality/tag")]
pub async fn tag_record(
    kind: String,
    id: String,
    #[server(default)] tags: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let subject = subject(&kind)?;
    let keys: Vec<String> = tags
        .into_iter()
        .filter(|(_, on)| on == "on")
        .map(|(key, _)| key)
        .collect();
    services::equality::tags::set(&state.db, &actor, subject, id, &keys)
        .await
        .map_err(|e| refused(e, &[]))?;
    let page = if kind == "question" {
        "questions"
    } else {
        "actions"
    };
    leptos_axum::redirect(&format!("/{page}/{id}?saved=tagged#equality"));
    Ok(())
}

#[server(endpoint = "equality/coverage")]
pub async fn equality_coverage(
    #[server(default)] year: String,
    #[server(default)] months: String,
) -> Result<Coverage, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let year = year_of(&year)?;
    let months = match months.trim() {
        "" => services::equality::coverage::DEFAULT_MONTHS,
        text => text
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=120).contains(m))
            .ok_or_else(|| {
                refused(
                    services::Error::invalid("months", "Enter a number of months from 1 to 120"),
                    &[("months", text)],
                )
            })?,
    };
    services::equality::coverage::coverage(
        &state.db,
        &actor,
        year,
        months,
        services::london::today(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

/// The equality part of a meeting's briefing pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BriefingSection {
    pub coverage: Coverage,
    pub monitoring: Vec<domain::equality::MonitoringDue>,
    pub assured: Vec<domain::equality::ScrutinyItem>,
    pub review: Option<(String, domain::equality::ReviewState, String)>,
}

#[server(endpoint = "equality/briefing")]
pub async fn equality_for_briefing(meeting: String) -> Result<BriefingSection, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let today = services::london::today();
    let meeting = record_id(&meeting)?;
    let result = async {
        let coverage = services::equality::coverage::coverage(
            &state.db,
            &actor,
            services::equality::financial_year_of(today),
            services::equality::coverage::DEFAULT_MONTHS,
            today,
        )
        .await?;
        let assured =
            services::equality::coverage::assured_for_meeting(&state.db, &actor, meeting).await?;
        let review = services::equality::objectives::review_due(&state.db, today).await?;
        let monitoring = services::equality::contracts::due(&state.db, today).await?;
        Ok::<_, services::Error>(BriefingSection {
            coverage,
            monitoring,
            assured,
            review,
        })
    }
    .await;
    result.map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/report")]
pub async fn equality_report(#[server(default)] year: String) -> Result<AnnualReport, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let year = year_of(&year)?;
    services::equality::report::report(&state.db, &actor, year)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/publish-report")]
pub async fn publish_report(
    year: String,
    publish: String,
    #[server(default)] change: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let year = year_of(&year)?;
    let publish = publish == "yes";
    services::equality::report::set_published(&state.db, &actor, year, publish, &change)
        .await
        .map_err(|e| refused(e, &[("change", &change)]))?;
    let saved = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!("/equality/report?year={year}&saved={saved}"));
    Ok(())
}

#[server(endpoint = "public/equality-report")]
pub async fn public_report(
    #[server(default)] year: String,
    #[server(default)] version: String,
) -> Result<AnnualReport, AppError> {
    use crate::context::{anyone, refused};
    let (state, _) = anyone()?;
    let year = year
        .trim()
        .parse::<i32>()
        .map_err(|_| crate::context::fail(AppError::NotFound))?;
    let version = match version.trim() {
        "" => None,
        n => Some(
            n.parse::<u32>()
                .map_err(|_| crate::context::fail(AppError::NotFound))?,
        ),
    };
    services::equality::report::public_version(&state.db, year, version)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/equality-reports")]
pub async fn published_reports() -> Result<Vec<(i32, String)>, AppError> {
    use crate::context::{anyone, refused};
    let (state, _) = anyone()?;
    services::equality::report::published_years(&state.db)
        .await
        .map(|years| {
            years
                .into_iter()
                .map(|y| (y, services::equality::year_label(y)))
                .collect()
        })
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/contracts")]
pub async fn list_contracts() -> Result<Vec<domain::equality::ContractView>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::equality::contracts::list(&state.db, &actor, services::london::today())
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
        services::london::today(),
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
