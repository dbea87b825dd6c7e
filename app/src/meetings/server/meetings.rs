//! Meetings: recorded, edited, read, attendance, published.

use super::*;

/// A meeting's form as posted, with or without JavaScript: one type for adding and editing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MeetingFields {
    pub date: String,
    pub time: String,
    pub location: String,
    pub online_link: String,
    pub status: String,
    /// The box that keeps a date on a weekend or bank holiday.
    pub confirm_day: Option<String>,
}

#[cfg(feature = "ssr")]
impl MeetingFields {
    async fn parse(
        &self,
        db: &services::Db,
    ) -> services::Result<services::meetings::meeting::MeetingDetails> {
        let details = services::meetings::meeting::MeetingDetails::parse(
            &self.date,
            &self.time,
            &self.location,
            &self.online_link,
            &self.status,
            services::now(),
        )?;
        details.check_day(db, self.confirm_day.is_some()).await?;
        Ok(details)
    }

    /// What to put back in the form if it is refused.
    fn values(&self) -> [(&'static str, &str); 5] {
        [
            ("date", &self.date),
            ("time", &self.time),
            ("location", &self.location),
            ("online_link", &self.online_link),
            ("status", &self.status),
        ]
    }
}

#[server(endpoint = "meetings/create")]
pub async fn create_meeting(
    board: String,
    #[server(flatten)] form: MeetingFields,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    let result = async {
        services::meetings::meeting::create(&state.db, &actor, board, form.parse(&state.db).await?)
            .await
    }
    .await;
    let id = result.map_err(|e| refused(e, &form.values()))?;
    leptos_axum::redirect(&format!("/meetings/{id}?saved=created"));
    Ok(())
}

#[server(endpoint = "meetings/update")]
pub async fn update_meeting(
    id: String,
    #[server(flatten)] form: MeetingFields,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let result = async {
        services::meetings::meeting::update(&state.db, &actor, id, form.parse(&state.db).await?)
            .await
    }
    .await;
    result.map_err(|e| refused(e, &form.values()))?;
    leptos_axum::redirect(&format!("/meetings/{id}?saved=details"));
    Ok(())
}

#[server(endpoint = "meetings/get")]
pub async fn get_meeting(id: String) -> Result<MeetingView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::meeting::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// `attendance[<member id>]` is each member's attendance; `guests` one per line.
#[server(endpoint = "meetings/attendance")]
pub async fn record_attendance(
    id: String,
    #[server(default)] attendance: BTreeMap<String, String>,
    #[server(default)] guests: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let members: Vec<(String, String)> = attendance.into_iter().collect();
    let result = async {
        let record = services::meetings::meeting::AttendanceRecord::parse(&members, &guests)?;
        services::meetings::meeting::record_attendance(&state.db, &actor, id, record).await
    }
    .await;
    result.map_err(|e| refused(e, &[("guests", &guests)]))?;
    leptos_axum::redirect(&format!("/meetings/{id}?saved=attendance#attendance"));
    Ok(())
}

#[server(endpoint = "meetings/publish")]
pub async fn publish_meeting(id: String, publish: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let publish = publish == "yes";
    services::meetings::meeting::set_published(&state.db, &actor, id, publish)
        .await
        .map_err(|e| refused(e, &[]))?;
    let saved = if publish { "published" } else { "unpublished" };
    leptos_axum::redirect(&format!("/meetings/{id}?saved={saved}"));
    Ok(())
}
