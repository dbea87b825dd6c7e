//! The annual equality report: drafted, published as a version, read by the public.

use super::*;

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
