//! A person's private calendar feed of deadlines.

use super::*;

/// Where a person's calendar feed stands; a new address is given out this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FeedAddress {
    Off,
    On,
    New { address: String },
}

/// This person's private calendar feed: off, on, or just made (its address shown now and
/// never again: only its hash is kept).
#[server(endpoint = "account/calendar")]
pub async fn calendar_feed() -> Result<FeedAddress, AppError> {
    use services::register::feeds::FeedState;
    let (state, actor) = acting()?;
    let feed = services::register::feeds::state(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(match feed {
        FeedState::Off => FeedAddress::Off,
        FeedState::On => FeedAddress::On,
        FeedState::New(token) => FeedAddress::New {
            address: format!(
                "{}/calendar/{token}.ics",
                crate::context::site_address(&state)
            ),
        },
    })
}

#[server(endpoint = "account/calendar-renew")]
pub async fn renew_calendar_feed() -> Result<(), AppError> {
    let (state, actor) = acting()?;
    services::register::feeds::renew(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/account/calendar?saved=renewed");
    Ok(())
}

#[server(endpoint = "account/calendar-off")]
pub async fn turn_off_calendar_feed() -> Result<(), AppError> {
    let (state, actor) = acting()?;
    services::register::feeds::turn_off(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/account/calendar?saved=off");
    Ok(())
}
