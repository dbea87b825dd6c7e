//! Server functions for boards, meetings, agendas, minutes and the public pages. Each one
//! takes the acting person from the request, calls one service (which checks the role and
//! the record), and maps its error once. Forms posted without JavaScript are answered with
//! a redirect to the page that shows the result.

use std::collections::BTreeMap;

use domain::{
    AgendaItemView, BoardView, MeetingList, MeetingSummary, MeetingView, MinutesDiff, MinutesView,
    PublicMeeting,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::AppError;

#[cfg(feature = "ssr")]
use crate::context::{acting, acting_as, anyone, record_id, refused};

/// A meeting's form fields as posted, shared by adding and editing.
#[cfg(feature = "ssr")]
struct MeetingForm<'a> {
    date: &'a str,
    time: &'a str,
    location: &'a str,
    online_link: &'a str,
    status: &'a str,
}

#[cfg(feature = "ssr")]
impl<'a> MeetingForm<'a> {
    fn parse(&self) -> services::Result<services::meetings::meeting::MeetingDetails> {
        services::meetings::meeting::MeetingDetails::parse(
            self.date,
            self.time,
            self.location,
            self.online_link,
            self.status,
            services::now(),
        )
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

/// An agenda item's form fields as posted, shared by adding and editing.
#[cfg(feature = "ssr")]
struct ItemForm<'a> {
    title: &'a str,
    lead: &'a str,
    purpose: &'a str,
    notes: &'a str,
}

#[cfg(feature = "ssr")]
impl<'a> ItemForm<'a> {
    fn parse(&self) -> services::Result<services::meetings::agenda::ItemDetails> {
        services::meetings::agenda::ItemDetails::parse(
            self.title,
            self.lead,
            self.purpose,
            self.notes,
        )
    }

    fn values(&self) -> [(&'static str, &'a str); 4] {
        [
            ("title", self.title),
            ("lead", self.lead),
            ("purpose", self.purpose),
            ("notes", self.notes),
        ]
    }
}

/// A page of published meetings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicList {
    pub meetings: Vec<MeetingSummary>,
    pub page: u32,
    pub pages: u32,
}

#[server(endpoint = "boards/list")]
pub async fn list_boards() -> Result<Vec<BoardView>, AppError> {
    let (state, actor) = acting()?;
    let boards = services::meetings::boards::list_for(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(boards
        .into_iter()
        .map(|b| BoardView {
            id: b.id,
            code: b.code,
            name: b.name,
            description: b.description,
            members: Vec::new(),
        })
        .collect())
}

#[server(endpoint = "boards/create")]
pub async fn create_board(code: String, name: String, description: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let values = [
        ("code", code.as_str()),
        ("name", &name),
        ("description", &description),
    ];
    let result = async {
        let new = services::meetings::boards::NewBoard::parse(&code, &name, &description)?;
        services::meetings::boards::create(&state.db, &actor, new).await
    }
    .await;
    let board = result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{}?saved=created", board.id));
    Ok(())
}

#[server(endpoint = "boards/update")]
pub async fn update_board(
    id: String,
    code: String,
    name: String,
    description: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let values = [
        ("code", code.as_str()),
        ("name", &name),
        ("description", &description),
    ];
    let result = async {
        let details = services::meetings::boards::NewBoard::parse(&code, &name, &description)?;
        services::meetings::boards::update(&state.db, &actor, id, details).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{id}/edit?saved=details"));
    Ok(())
}

#[server(endpoint = "boards/get")]
pub async fn get_board(id: String) -> Result<BoardView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::boards::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Accounts that can be chosen as members: (id, name).
#[server(endpoint = "boards/people")]
pub async fn list_people() -> Result<Vec<(i64, String)>, AppError> {
    let (state, actor) = acting()?;
    services::accounts::users::directory(&state.db, &actor)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "boards/add-member")]
pub async fn add_member(
    board: String,
    #[server(default)] user: String,
    #[server(default)] name: String,
    #[server(default)] organisation: String,
    #[server(default)] position: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    let values = [
        ("user", user.as_str()),
        ("name", &name),
        ("organisation", &organisation),
        ("position", &position),
    ];
    let result = async {
        let member =
            services::meetings::boards::NewMember::parse(&user, &name, &organisation, &position)?;
        services::meetings::boards::add_member(&state.db, &actor, board, member).await
    }
    .await;
    result.map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/boards/{board}/edit?saved=member"));
    Ok(())
}

#[server(endpoint = "boards/remove-member")]
pub async fn remove_member(board: String, member: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    services::meetings::boards::remove_member(&state.db, &actor, board, record_id(&member)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/boards/{board}/edit?saved=removed"));
    Ok(())
}

#[server(endpoint = "boards/meetings")]
pub async fn list_meetings(
    board: String,
    #[server(default)] year: Option<i32>,
    #[server(default)] page: Option<u32>,
) -> Result<MeetingList, AppError> {
    let (state, actor) = acting()?;
    services::meetings::meeting::list_for_board(&state.db, &actor, record_id(&board)?, year, page)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "meetings/create")]
pub async fn create_meeting(
    board: String,
    date: String,
    time: String,
    #[server(default)] location: String,
    #[server(default)] online_link: String,
    #[server(default)] status: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let board = record_id(&board)?;
    let fields = MeetingForm {
        date: &date,
        time: &time,
        location: &location,
        online_link: &online_link,
        status: &status,
    };
    let result = async {
        services::meetings::meeting::create(&state.db, &actor, board, fields.parse()?).await
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
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let fields = MeetingForm {
        date: &date,
        time: &time,
        location: &location,
        online_link: &online_link,
        status: &status,
    };
    let result =
        async { services::meetings::meeting::update(&state.db, &actor, id, fields.parse()?).await }
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

#[server(endpoint = "agenda/add")]
pub async fn add_agenda_item(
    meeting: String,
    title: String,
    #[server(default)] lead: String,
    #[server(default)] purpose: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let fields = ItemForm {
        title: &title,
        lead: &lead,
        purpose: &purpose,
        notes: &notes,
    };
    let result = async {
        services::meetings::agenda::add(&state.db, &actor, meeting, fields.parse()?).await
    }
    .await;
    result.map_err(|e| refused(e, &fields.values()))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=item#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/get")]
pub async fn get_agenda_item(id: String) -> Result<AgendaItemView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::agenda::get(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "agenda/update")]
pub async fn update_agenda_item(
    id: String,
    title: String,
    #[server(default)] lead: String,
    #[server(default)] purpose: String,
    #[server(default)] notes: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let fields = ItemForm {
        title: &title,
        lead: &lead,
        purpose: &purpose,
        notes: &notes,
    };
    let result =
        async { services::meetings::agenda::update(&state.db, &actor, id, fields.parse()?).await }
            .await;
    let meeting = result.map_err(|e| refused(e, &fields.values()))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=item#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/move")]
pub async fn move_agenda_item(id: String, direction: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let result = async {
        let direction = services::meetings::agenda::Direction::parse(&direction)?;
        services::meetings::agenda::move_item(&state.db, &actor, id, direction).await
    }
    .await;
    let meeting = result.map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?moved={id}#agenda"));
    Ok(())
}

#[server(endpoint = "agenda/remove")]
pub async fn remove_agenda_item(id: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = services::meetings::agenda::remove(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}?saved=removed#agenda"));
    Ok(())
}

#[server(endpoint = "minutes/get")]
pub async fn get_minutes(meeting: String) -> Result<MinutesView, AppError> {
    let (state, actor) = acting()?;
    services::meetings::minutes::get(&state.db, &actor, record_id(&meeting)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// Saves a new version, or (`intent` = `preview`) keeps the text unsaved and shows it
/// rendered. A refused save keeps the text as unsaved too, so nothing typed is lost, even
/// without JavaScript.
#[server(endpoint = "minutes/save")]
pub async fn save_minutes(
    meeting: String,
    based_on: String,
    body: String,
    #[server(default)] reason: String,
    #[server(default)] intent: String,
) -> Result<(), AppError> {
    let (state, actor) = acting_as(domain::roles::EDITORS)?;
    let meeting = record_id(&meeting)?;
    let based_on: i64 = based_on.trim().parse().unwrap_or(-1);
    let values = [("reason", reason.as_str())];
    if intent == "preview" {
        services::meetings::minutes::keep_unsaved(&state.db, &actor, meeting, based_on, &body)
            .await
            .map_err(|e| refused(e, &values))?;
        leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?preview=1#preview"));
        return Ok(());
    }
    let saved = services::register::minutes_actions::save_minutes(
        &state.db, &actor, meeting, based_on, &body, &reason,
    )
    .await
    .map_err(|e| refused(e, &values))?;
    // Actions written into the minutes are confirmed next, before anything else.
    let next = if saved.actions_to_confirm {
        format!(
            "/meetings/{meeting}/minutes/actions?saved={}",
            saved.version
        )
    } else {
        format!("/meetings/{meeting}/minutes?saved={}", saved.version)
    };
    leptos_axum::redirect(&next);
    Ok(())
}

/// The live preview, with JavaScript: renders and keeps nothing.
#[server(endpoint = "minutes/preview")]
pub async fn preview_minutes(body: String) -> Result<String, AppError> {
    let (_, actor) = acting()?;
    services::meetings::minutes::preview(&actor, &body)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "minutes/discard")]
pub async fn discard_unsaved(meeting: String) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    services::meetings::minutes::discard_unsaved(&state.db, &actor, meeting)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?saved=discarded"));
    Ok(())
}

/// Moves the minutes on in their lifecycle: `step` is submit, return, approve or publish;
/// `approved_at` is the later meeting, for approve.
#[server(endpoint = "minutes/step")]
pub async fn minutes_step(
    meeting: String,
    step: String,
    #[server(default)] approved_at: String,
) -> Result<(), AppError> {
    let (state, actor) = acting()?;
    let meeting = record_id(&meeting)?;
    let db = &state.db;
    let result = match step.as_str() {
        "submit" => services::meetings::minutes::submit(db, &actor, meeting).await,
        "return" => services::meetings::minutes::return_to_draft(db, &actor, meeting).await,
        "approve" => services::meetings::minutes::approve(db, &actor, meeting, &approved_at).await,
        "publish" => services::meetings::minutes::publish(db, &actor, meeting).await,
        _ => Err(services::Error::invalid(
            "step",
            "Choose what to do with the minutes",
        )),
    };
    result.map_err(|e| refused(e, &[("approved_at", &approved_at)]))?;
    leptos_axum::redirect(&format!("/meetings/{meeting}/minutes?saved={step}"));
    Ok(())
}

#[server(endpoint = "minutes/diff")]
pub async fn diff_minutes(meeting: String, from: i64, to: i64) -> Result<MinutesDiff, AppError> {
    let (state, actor) = acting()?;
    services::meetings::minutes::diff(&state.db, &actor, record_id(&meeting)?, from, to)
        .await
        .map_err(|e| refused(e, &[]))
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
