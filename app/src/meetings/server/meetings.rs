//! Meetings: recorded, edited, read, attendance, published.

use super::*;

/// A meeting's form fields as posted, shared by adding and editing.
#[cfg(feature = "ssr")]
struct MeetingForm<'a> {
    date: &'a str,
    time: &'a str,
    location: &'a str,
    online_link: &'a str,
    status: &'a str,
    /// The box that keeps a date on a weekend or bank holiday.
    confirm_day: bool,
}

#[cfg(feature = "ssr")]
impl<'a> MeetingForm<'a> {
    async fn parse(
        &self,
        db: &services::Db,
    ) -> services::Result<services::meetings::meeting::MeetingDetails> {
        let details = services::meetings::meeting::MeetingDetails::parse(
            self.date,
            self.time,
            self.location,
            self.online_link,
            self.status,
            services::now(),
        )?;
        details.check_day(db, self.confirm_day).await?;
        Ok(details)
    }

    /// What to put back in the form if it is refused.
    fn values(&self) -> [(&'static str, &'a str); 5] {
        [
            ("date", self.date),
            ("time", self.time),
            ("location", self.location),
            ("online_link", self.online_link),
            ("status", self.status),
        ]
    }
}

#[server(endpoint = "meetings/create")]
pub async fn create_meeting(
    board: String,
    date: String,
    time: String,
    #[server(default)] location: String,
    #[server(default)] online_link: String,
    #[server(default)] status: String,
    #[server(default)] confirm_day: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    let fields = MeetingForm {
        date: &date,
        time: &time,
        location: &location,
        online_link: &online_link,
        status: &status,
        confirm_day: confirm_day.is_some(),
    };
    let result = async {
        services::meetings::meeting::create(
            &state.db,
            &actor,
            board,
            fields.parse(&state.db).await?,
        )
        .await
    }
    .await;
    let id = result.map_err(|e| refused(e, &fields.values()))?;
    leptos_axum::redirect(&format!("/meetings/{id}?saved=created"));
    Ok(())
}

#[server(endpoint = "meetings/update")]
pub async fn update_meeting(
    id: String,
    date: String,
    time: String,
    #[server(default)] location: String,
    #[server(default)] online_link: String,
    #[server(default)] status: String,
    #[server(default)] confirm_day: Option<String>,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let fields = MeetingForm {
        date: &date,
        time: &time,
        location: &location,
        online_link: &online_link,
        status: &status,
        confirm_day: confirm_day.is_some(),
    };
    let result = async {
        services::meetings::meeting::update(&state.db, &actor, id, fields.parse(&state.db).await?)
            .await
    }
    .await;
    result.map_err(|e| refused(e, &fields.values()))?;
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
