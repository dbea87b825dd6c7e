//! What anyone can read without signing in: published meetings, their agendas and, once
//! published, their minutes. Anything unpublished is "not found" here, whoever asks.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{meeting_table, page_id, status_tag, Pagination};
use crate::meetings::server::*;

#[component]
pub fn PublicMeetingsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok())),
        list_public_meetings,
    );
    view! {
        <Title text="Published meetings"/>
        <crate::components::PublishedNav/>
        <h1 class="govuk-heading-l">"Published meetings"</h1>
        <p class="govuk-body">"The boards at which the Police and Crime Commissioner holds the Chief Constable to account: dates, agendas and approved minutes."</p>
        {crate::components::loaded(list, move |list| {
            let previous = (list.page > 1).then(|| format!("/public/meetings?page={}", list.page - 1));
            let next = (list.page < list.pages).then(|| format!("/public/meetings?page={}", list.page + 1));
            if list.meetings.is_empty() {
                return view! { <p class="govuk-body">"Nothing has been published yet."</p> }.into_any();
            }
            let caption = format!("Meetings, latest first (page {} of {})", list.page, list.pages);
            view! {
                {meeting_table(caption, list.meetings, |m| format!("/public/meetings/{}", m.id), true, true)}
                <Pagination previous next label="Pages of published meetings"/>
            }.into_any()
        })}
    }
}

#[component]
pub fn PublicMeetingPage() -> impl IntoView {
    let id = page_id();
    let params = leptos_router::hooks::use_params_map();
    let meeting = Resource::new(
        move || (id(), params.with(|p| p.get("version").unwrap_or_default())),
        |(id, version)| get_public_meeting(id, version),
    );
    view! {
        {crate::components::loaded(meeting, move |m| {
            let s = m.summary.clone();
            let place = if s.location.is_empty() { "Online".to_owned() } else { s.location.clone() };
            let feed = format!("/public/boards/{}/meetings.ics", s.board_code);
            view! {
                <Title text=format!("{}: meeting of {}", s.board_name, s.starts.long)/>
                <A href="/public/meetings" attr:class="govuk-back-link">"Back to published meetings"</A>
                <span class="govuk-caption-l">{s.board_name.clone()}</span>
                <h1 class="govuk-heading-l">"Meeting on "<time datetime=s.starts.utc.clone()>{s.starts.long.clone()}</time></h1>
                <p class="govuk-body">{place}" · "{status_tag(s.status)}</p>
                <p class="govuk-body">
                    <a class="govuk-link" href=format!("/meetings/{}/meeting.ics", s.id) download="meeting.ics">"Add to calendar (.ics)"</a>
                    " · "
                    <a class="govuk-link" href=feed>"All this board's meetings (.ics)"</a>
                </p>
                {(!m.attended.is_empty() || !m.apologies.is_empty()).then(|| view! {
                    <h2 class="govuk-heading-m">"Present"</h2>
                    <ul class="govuk-list">{m.attended.iter().map(|a| view! { <li>{a.clone()}</li> }).collect::<Vec<_>>()}</ul>
                    {(!m.apologies.is_empty()).then(|| view! {
                        <h2 class="govuk-heading-m">"Apologies"</h2>
                        <ul class="govuk-list">{m.apologies.iter().map(|a| view! { <li>{a.clone()}</li> }).collect::<Vec<_>>()}</ul>
                    })}
                })}
                <h2 class="govuk-heading-m">"Agenda"</h2>
                <ol class="govuk-list govuk-list--number">
                    {m.agenda.iter().map(|i| view! {
                        <li>{i.title.clone()}" ("{i.purpose.label()}")"
                            {(!i.lead.is_empty()).then(|| format!(" · Lead: {}", i.lead))}</li>
                    }).collect::<Vec<_>>()}
                </ol>
                <h2 class="govuk-heading-m">"Minutes"</h2>
                {match m.minutes_html.clone() {
                    Some(html) => view! {
                        {m.minutes_approved_at.clone().map(|at| view! {
                            <p class="govuk-body">{format!("Approved by the board at its meeting of {at}.")}</p>
                        })}
                        <crate::components::PublishedVersions versions=m.minutes_versions.clone() shown=m.minutes_version
                            latest_href=format!("/public/meetings/{}", m.summary.id) version_path="minutes"/>
                        <div class="app-minutes" inner_html=html/>
                    }.into_any(),
                    None => view! { <p class="govuk-body">"The minutes will be published here once the board has approved them."</p> }.into_any(),
                }}
                {(!m.questions.is_empty()).then(|| view! {
                    <h2 class="govuk-heading-m">"Questions the Commissioner put at this meeting"</h2>
                    <ul class="govuk-list govuk-list--bullet">
                        {m.questions.clone().into_iter().map(|(id, text)| view! {
                            <li><A href=format!("/public/questions/{id}") attr:class="govuk-link">{text}</A></li>
                        }).collect::<Vec<_>>()}
                    </ul>
                })}
                {(!m.actions.is_empty()).then(|| crate::register::public_action_table(m.actions.clone()))}
            }.into_any()
        })}
    }
}
