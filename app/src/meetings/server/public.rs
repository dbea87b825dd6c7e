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
pub async fn get_public_meeting(
    id: String,
    #[server(default)] version: String,
) -> Result<PublicMeeting, AppError> {
    let (state, _) = anyone()?;
    let version = match version.trim() {
        "" => None,
        n => Some(
            n.parse::<u32>()
                .map_err(|_| crate::context::fail(AppError::NotFound))?,
        ),
    };
    services::meetings::meeting::get_public_version(
        &state.db,
        record_id(&id)?,
        version,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}
