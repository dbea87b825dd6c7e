//! Coverage of the characteristics by quarter, and the equality section of a briefing pack.

use super::*;

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
        services::common::london::today(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "equality/briefing")]
pub async fn equality_for_briefing(meeting: String) -> Result<BriefingSection, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let today = services::common::london::today();
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
