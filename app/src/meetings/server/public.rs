//! The public pages of meetings.

use super::*;

/// A page of published meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicList {
    pub meetings: Vec<MeetingSummary>,
    pub page: u32,
    pub pages: u32,
}

#[server(endpoint = "public/meetings")]
pub async fn list_public_meetings(
    #[server(default)] page: Option<u32>,
) -> Result<PublicList, AppError> {
    let (state, _) = anyone()?;
    let list = services::meetings::meeting::list_public(&state.db, page)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(PublicList {
        meetings: list.items,
        page: list.page,
        pages: list.pages,
    })
}

#[server(endpoint = "public/meeting")]
pub async fn get_public_meeting(id: String) -> Result<PublicMeeting, AppError> {
    let (state, _) = anyone()?;
    services::meetings::meeting::get_public(&state.db, record_id(&id)?, &state.window())
        .await
        .map_err(|e| refused(e, &[]))
}
