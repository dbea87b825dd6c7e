//! The public pages of the register: published questions with their answers, and
//! published actions with where each stands and what has happened, in a resident's words.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::action_due;
use super::questions::{page_link, question_table, QuestionBody};
use crate::components::Pagination;
use crate::meetings::page_id;
use crate::register::server::*;

#[component]
pub fn PublicQuestionsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.with(|q| q.get("page").and_then(|p| p.parse().ok())),
        public_questions,
    );
    view! {
        <Title text="Published questions"/>
        <crate::components::PublishedNav/>
        <h1 class="govuk-heading-l">"Published questions"</h1>
        <p class="govuk-body">"Questions the Commissioner has put to the Chief Constable, with the force's answers."</p>
        {crate::components::loaded(list, move |list| {
            let previous = (list.page > 1).then(|| page_link("/public/questions", "", list.page - 1));
            let next = (list.page < list.pages).then(|| page_link("/public/questions", "", list.page + 1));
            let caption = format!("Questions (page {} of {})", list.page, list.pages);
            view! {
                {if list.questions.is_empty() {
                    view! { <p class="govuk-body">"No questions have been published yet."</p> }.into_any()
                } else {
                    question_table(caption, list.questions, true).into_any()
                }}
                <Pagination previous next label="Pages of questions"/>
            }.into_any()
        })}
    }
}

#[component]
pub fn PublicQuestionPage() -> impl IntoView {
    let id = page_id();
    let question = Resource::new(id, public_question);
    view! {
        {crate::components::loaded(question, move |q| view! {
            <Title text="Published question"/>
            <A href="/public/questions" attr:class="govuk-back-link">"Back to published questions"</A>
            <QuestionBody question=q.clone() public=true/>
            <crate::equality::EqualityPanel kind="question" id=q.summary.id public=true/>
            <crate::evidence::QuestionFigures id=q.summary.id public=true/>
            {(!q.actions.is_empty()).then(|| public_action_table(q.actions.clone()))}
        }.into_any())}
    }
}

#[component]
pub fn PublicActionsPage() -> impl IntoView {
    let query = use_query_map();
    let list = Resource::new(
        move || query.with(|q| q.get("page").and_then(|p| p.parse().ok())),
        public_actions,
    );
    view! {
        <Title text="Published actions"/>
        <crate::components::PublishedNav/>
        <h1 class="govuk-heading-l">"Published actions"</h1>
        <p class="govuk-body">"Actions the Commissioner's boards have set, and where each stands."</p>
        {crate::components::loaded(list, move |list| {
            let previous = (list.page > 1).then(|| page_link("/public/actions", "", list.page - 1));
            let next = (list.page < list.pages).then(|| page_link("/public/actions", "", list.page + 1));
            view! {
                {if list.actions.is_empty() {
                    view! { <p class="govuk-body">"No actions have been published yet."</p> }.into_any()
                } else {
                    public_action_table(list.actions).into_any()
                }}
                <Pagination previous next label="Pages of actions"/>
            }.into_any()
        })}
    }
}

/// One published action for the public: where it came from, who owns it, when it is due,
/// and what has happened — the force's responses and the Commissioner's judgements.
#[component]
pub fn PublicActionPage() -> impl IntoView {
    let id = page_id();
    let action = Resource::new(id, public_action);
    view! {
        {crate::components::loaded(action, move |a| {
            let s = a.summary.clone();
            let row = |key: &'static str, value: AnyView| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{key}</dt>
                    <dd class="govuk-summary-list__value">{value}</dd>
                </div>
            };
            let origin = match (&a.meeting, &a.question) {
                (Some((meeting, at)), _) => view! {
                    <A href=format!("/public/meetings/{meeting}") attr:class="govuk-link">{format!("{} meeting of {}", a.board_name, at.long)}</A>
                }.into_any(),
                (None, Some((question, text))) => view! {
                    <A href=format!("/public/questions/{question}") attr:class="govuk-link">{format!("The question: {text}")}</A>
                }.into_any(),
                _ => view! { {a.board_name.clone()} }.into_any(),
            };
            view! {
                <Title text=format!("Published action {}", s.reference)/>
                <A href="/public/actions" attr:class="govuk-back-link">"Back to published actions"</A>
                <span class="govuk-caption-l">{format!("{} · {}", a.board_name, s.topic)}</span>
                <h1 class="govuk-heading-l govuk-!-margin-bottom-2">{s.text.clone()}</h1>
                <p class="govuk-body app-secondary">{format!("Action {}", s.reference)}</p>
                <dl class="govuk-summary-list">
                    {row("Where it stands", view! {
                        <strong>{s.status.story(s.assurance)}</strong>
                        {a.follow_up.clone().map(|(id, reference)| view! {
                            " A follow-up action, "
                            <A href=format!("/public/actions/{id}") attr:class="govuk-link">{reference}</A>
                            ", was set."
                        })}
                        {a.assurance_reason.clone().map(|reason| view! { <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">{reason}</p> })}
                        {a.follows.clone().map(|(id, reference)| view! {
                            <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">
                                "Set because the Commissioner was not assured by the response to "
                                <A href=format!("/public/actions/{id}") attr:class="govuk-link">{reference}</A>"."
                            </p>
                        })}
                    }.into_any())}
                    {row("Who must do it", view! { {s.owner.with_name(&s.owner_name)} }.into_any())}
                    {row("Due", view! {
                        {action_due(&s)}
                        {s.extended.then(|| view! { <br/>{format!("Originally due {}", a.original_due_on)}" (more time was agreed)" })}
                    }.into_any())}
                    {row("Set at", origin)}
                </dl>
                <crate::equality::EqualityPanel kind="action" id=s.id public=true/>
                <h2 class="govuk-heading-m">"What has happened"</h2>
                <ol class="app-timeline">
                    {a.timeline.into_iter().map(|e| view! {
                        <li class="app-timeline__entry">
                            <h3 class="govuk-heading-s app-nomargin">{e.what}</h3>
                            <p class="govuk-body-s app-secondary">
                                {format!("{}, {}", e.who, e.at.long)}
                                {e.due_on.map(|d| format!(" · due {d}"))}
                            </p>
                            {e.received.map(|r| view! { <p class="govuk-body-s app-secondary">{r}</p> })}
                            {e.withheld.then(|| view! { <p class="govuk-body">"The Commissioner's office has not published what it says yet."</p> })}
                            {(!e.body_html.is_empty()).then(|| view! { <div class="app-minutes" inner_html=e.body_html/> })}
                        </li>
                    }).collect::<Vec<_>>()}
                </ol>
            }.into_any()
        })}
    }
}

/// Published actions for the public: reference (a link to the action's public page), text,
/// status and due date.
pub(crate) fn public_action_table(actions: Vec<domain::ActionSummary>) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"Actions arising"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Reference"</th>
                    <th scope="col" class="govuk-table__header">"Action"</th>
                    <th scope="col" class="govuk-table__header">"Due"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {actions.into_iter().map(|a| {
                    let due = action_due(&a);
                    view! {
                    <tr class="govuk-table__row">
                        <td data-label="Reference" class="govuk-table__cell app-nowrap">
                            <A href=format!("/public/actions/{}", a.id) attr:class="govuk-link">{a.reference.clone()}</A>
                        </td>
                        <td data-label="Action" class="govuk-table__cell">{a.text.clone()}</td>
                        <td data-label="Due" class="govuk-table__cell">{due}</td>
                        <td data-label="Status" class="govuk-table__cell">{a.status.story(a.assurance)}</td>
                    </tr>
                }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
