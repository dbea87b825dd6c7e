//! Boards, their meetings and agendas, the minutes from draft to published, and what the
//! public may read of them.

mod boards;
mod meeting;
mod minutes;
mod public;

pub use boards::{BoardPage, BoardsPage, EditBoardPage, NewBoardPage};
pub use meeting::{AgendaItemPage, EditMeetingPage, MeetingPage, NewMeetingPage, PrintAgendaPage};
pub use minutes::{MinutesHistoryPage, MinutesPage};
pub use public::{PublicMeetingPage, PublicMeetingsPage};

pub(crate) use crate::components::Pagination;

use domain::{MeetingStatus, MeetingSummary, MinutesStatus, Role};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether the signed-in person may change boards, meetings and minutes. Pages only use
/// it to decide what to show; the services check again.
async fn editor() -> bool {
    crate::accounts::signed_in()
        .ok()
        .flatten()
        .is_some_and(|me| matches!(me.role, Role::Admin | Role::Secretariat))
}

/// The `:id` of the page's path.
pub(crate) fn page_id() -> impl Fn() -> String + Copy {
    let params = use_params_map();
    move || params.with(|p| p.get("id")).unwrap_or_default()
}

/// The message for a `?saved=…` (or other) flag in the address, from `messages`.
pub(crate) fn flag_message(
    flag: &'static str,
    messages: &'static [(&'static str, &'static str)],
) -> Signal<Option<String>> {
    let query = use_query_map();
    Signal::derive(move || {
        let value = query.with(|q| q.get(flag))?;
        messages
            .iter()
            .find(|(key, _)| *key == value || key.is_empty())
            .map(|(_, message)| (*message).to_owned())
    })
}

fn status_tag(status: MeetingStatus) -> impl IntoView {
    let class = match status {
        MeetingStatus::Scheduled => "govuk-tag govuk-tag--blue",
        MeetingStatus::Held => "govuk-tag govuk-tag--green",
        MeetingStatus::Cancelled => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

fn minutes_tag(status: Option<MinutesStatus>) -> impl IntoView {
    let (class, text) = match status {
        None => ("govuk-tag govuk-tag--grey", "None yet"),
        Some(MinutesStatus::Draft) => ("govuk-tag govuk-tag--yellow", "Draft"),
        Some(MinutesStatus::Submitted) => ("govuk-tag govuk-tag--orange", "Submitted"),
        Some(MinutesStatus::Approved) => ("govuk-tag govuk-tag--turquoise", "Approved"),
        Some(MinutesStatus::Published) => ("govuk-tag govuk-tag--green", "Published"),
    };
    view! { <strong class=class>{text}</strong> }
}

/// A table of meetings, each linking to `link(meeting)`.
fn meeting_table(
    caption: String,
    meetings: Vec<MeetingSummary>,
    link: fn(&MeetingSummary) -> String,
    show_minutes: bool,
    show_board: bool,
) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    {show_board.then(|| view! { <th scope="col" class="govuk-table__header">"Board"</th> })}
                    <th scope="col" class="govuk-table__header">"Date and time (London)"</th>
                    <th scope="col" class="govuk-table__header">"Place"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    {show_minutes.then(|| view! { <th scope="col" class="govuk-table__header">"Minutes"</th> })}
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {meetings.into_iter().map(|m| {
                    let href = link(&m);
                    view! {
                        <tr class="govuk-table__row">
                            {show_board.then(|| view! { <td data-label="Board" class="govuk-table__cell">{m.board_name.clone()}</td> })}
                            <td data-label="Date and time (London)" class="govuk-table__cell">
                                <A href=href attr:class="govuk-link">
                                    <time datetime=m.starts.utc.clone()>{m.starts.long.clone()}</time>
                                </A>
                            </td>
                            <td data-label="Place" class="govuk-table__cell">{if m.location.is_empty() { "Online".to_owned() } else { m.location.clone() }}</td>
                            <td data-label="Status" class="govuk-table__cell">{status_tag(m.status)}</td>
                            {show_minutes.then(|| view! { <td data-label="Minutes" class="govuk-table__cell">{minutes_tag(m.minutes)}</td> })}
                        </tr>
                    }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
