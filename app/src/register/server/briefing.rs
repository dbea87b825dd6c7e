//! The briefing pack of a meeting.

use super::*;

#[server(endpoint = "briefing/get")]
pub async fn get_briefing(meeting: String) -> Result<domain::Briefing, AppError> {
    let (state, actor) = acting()?;
    services::register::briefing::for_meeting(
        &state.db,
        &actor,
        record_id(&meeting)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}
