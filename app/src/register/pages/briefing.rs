//! The printable briefing pack for a board meeting: the board's overdue, open and recently
//! closed actions and the questions awaiting an answer, grouped by topic.

use domain::{ActionSummary, BriefingTopic};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::{action_due, action_status_tag, due_cell, question_status_tag};
use crate::meetings::page_id;
use crate::register::server::get_briefing;

#[component]
pub fn BriefingPage() -> impl IntoView {
    let id = page_id();
    let pack = Resource::new(id, get_briefing);
    view! {
        {crate::components::loaded(pack, move |b| view! {
            <Title text="Briefing pack"/>
            <A href=format!("/meetings/{}", b.meeting_id) attr:class="govuk-back-link app-no-print">"Back to the meeting"</A>
            <span class="govuk-caption-l">{b.board_name.clone()}</span>
            <h1 class="govuk-heading-l">"Briefing pack for the meeting on "<time datetime=b.meeting.utc.clone()>{b.meeting.long.clone()}</time></h1>
            <p class="govuk-body">{format!(
                "{} overdue and {} other open actions; actions closed since {}; questions awaiting the force's answer.",
                b.overdue_total, b.open_total, b.closed_since
            )}</p>
            <p class="govuk-body app-no-print">"Print this page, or save it as a PDF from the browser's print dialogue."</p>
            {b.topics.is_empty().then(|| view! { <p class="govuk-body">"Nothing is open for this board."</p> })}
            {b.topics.into_iter().map(|t| view! { <TopicSection topic=t/> }).collect::<Vec<_>>()}
            <crate::equality::BriefingEquality meeting=b.meeting_id/>
        }.into_any())}
    }
}

#[component]
fn TopicSection(topic: BriefingTopic) -> impl IntoView {
    view! {
        <section class="app-briefing-topic">
            <h2 class="govuk-heading-m">{topic.topic.clone()}</h2>
            {actions("Overdue", topic.overdue)}
            {actions("Open", topic.open)}
            {actions("Closed recently", topic.recently_closed)}
            {(!topic.awaiting_answer.is_empty()).then(|| view! {
                <h3 class="govuk-heading-s">"Questions awaiting an answer"</h3>
                <ul class="govuk-list">
                    {topic.awaiting_answer.into_iter().map(|q| view! {
                        <li>
                            <A href=format!("/questions/{}", q.id) attr:class="govuk-link">{q.text.clone()}</A>
                            " · due "{due_cell(q.due_on.clone(), q.due_long.clone(), q.due_state, false, 0)}
                            " "{question_status_tag(q.status)}
                        </li>
                    }).collect::<Vec<_>>()}
                </ul>
            })}
        </section>
    }
}

fn actions(heading: &'static str, list: Vec<ActionSummary>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <h3 class="govuk-heading-s">{format!("{heading} ({})", list.len())}</h3>
        <ul class="govuk-list app-briefing-list">
            {list.into_iter().map(|a| {
                    let due = action_due(&a);
                    view! {
                <li>
                    <A href=format!("/actions/{}", a.id) attr:class="govuk-link">{a.reference.clone()}</A>
                    {format!(": {} ({}) · due ", a.text, a.owner.with_name(&a.owner_name))}
                    {due}
                    " "{action_status_tag(a.status)}
                </li>
            }
                }).collect::<Vec<_>>()}
        </ul>
    })
}
