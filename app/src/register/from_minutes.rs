//! The confirmation step after saving minutes that contain `ACTION:` lines: the recognised
//! actions, each with a topic to choose, created in one go; those already created, with
//! their references; and lines that look like actions but could not be read, with why.

use domain::MinutesActions;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::server::*;
use crate::components::{ErrorSummary, FormError, SuccessBanner};
use crate::meetings::{flag_message, page_id};

#[component]
pub fn MinutesActionsPage() -> impl IntoView {
    let id = page_id();
    let create = ServerAction::<CreateMinutesActions>::new();
    let review = Resource::new(
        move || (id(), create.version().get()),
        |(id, _)| minutes_actions(id),
    );
    let error: FormError =
        Signal::derive(move || create.value().try_get().flatten().and_then(Result::err));
    let saved = flag_message(
        "saved",
        &[(
            "",
            "The minutes were saved. Check the actions found in them.",
        )],
    );
    let created = flag_message("created", &[("", "The actions were created")]);
    view! {
        {crate::components::loaded(review, move |r| view! {
            <Title text="Actions in the minutes"/>
            <A href=format!("/meetings/{}/minutes", r.meeting_id) attr:class="govuk-back-link">"Back to the minutes"</A>
            <SuccessBanner message=saved/>
            <SuccessBanner message=created/>
            <ErrorSummary error/>
            <span class="govuk-caption-l">{format!("{}: {}", r.board_name, r.meeting.long)}</span>
            <h1 class="govuk-heading-l">"Actions in the minutes"</h1>
            <p class="govuk-body">
                "Lines of the minutes written as "<code>"ACTION: Force to … by 2026-12-31"</code>
                " become actions once you confirm them here. The due date may also be a number of working days, such as "
                <code>"by 10 working days"</code>"."
            </p>
            <p class="govuk-body">
                "Working days count from the day of the meeting, not from today: a deadline runs from when the board set it. "
                "A due date that has already passed, or falls on a weekend or bank holiday, is pointed out below: correct the line in the minutes if the board meant otherwise."
            </p>
            <Pending review=r.clone() create error/>
            <Created review=r.clone()/>
            <Unreadable review=r/>
        }.into_any())}
    }
}

#[component]
fn Pending(
    review: MinutesActions,
    create: ServerAction<CreateMinutesActions>,
    error: FormError,
) -> impl IntoView {
    let pending: Vec<_> = review
        .proposed
        .iter()
        .filter(|p| p.created.is_none())
        .cloned()
        .collect();
    if pending.is_empty() {
        return view! { <p class="govuk-body">"No new actions to create from this version of the minutes."</p> }.into_any();
    }
    let count = pending.len();
    let topics = review.topics.clone();
    view! {
        <h2 class="govuk-heading-m">{format!("New actions found ({count})")}</h2>
        <ActionForm action=create attr:novalidate=true>
            <input type="hidden" name="meeting" value=review.meeting_id.to_string()/>
            <input type="hidden" name="version" value=review.version.to_string()/>
            {pending.into_iter().map(|p| {
                let line = p.line_no;
                let include_id = format!("include-{line}");
                let topic_field = format!("topic_{line}");
                let message = {
                    let field = topic_field.clone();
                    Signal::derive(move || error.try_with(|e| e.as_ref()
                        .and_then(|e| e.field_errors())
                        .and_then(|f| f.get(&field))
                        .map(str::to_owned)).flatten())
                };
                let chosen = {
                    let field = topic_field.clone();
                    let suggested = p.topic.map(|t| t.to_string()).unwrap_or_default();
                    move || error.try_with(|e| e.as_ref().and_then(|e| e.value(&field)).map(str::to_owned))
                        .flatten()
                        .unwrap_or_else(|| suggested.clone())
                };
                let error_id = format!("{topic_field}-error");
                let topics = topics.clone();
                view! {
                    <div class="govuk-summary-card">
                        <div class="govuk-summary-card__title-wrapper">
                            <h3 class="govuk-summary-card__title">{format!("Line {line}: {}", p.text)}</h3>
                        </div>
                        <div class="govuk-summary-card__content">
                            <dl class="govuk-summary-list">
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Owner"</dt>
                                    <dd class="govuk-summary-list__value">{format!("{}: {}", p.owner.label(), p.owner_name)}</dd>
                                </div>
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Due"</dt>
                                    <dd class="govuk-summary-list__value">
                                        <time datetime=p.due_on.clone()>{p.due_long.clone()}</time>
                                        {p.doubt.clone().map(|d| view! {
                                            <div class="govuk-warning-text app-nomargin">
                                                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{d}</strong>
                                            </div>
                                        })}
                                    </dd>
                                </div>
                                <div class="govuk-summary-list__row">
                                    <dt class="govuk-summary-list__key">"Agenda item"</dt>
                                    <dd class="govuk-summary-list__value">{p.agenda_item.clone().map(|(_, t)| t).unwrap_or_else(|| "None matched".to_owned())}</dd>
                                </div>
                            </dl>
                            <div class=move || if message.try_with(Option::is_some).unwrap_or(false) { "govuk-form-group govuk-form-group--error" } else { "govuk-form-group" }>
                                <label class="govuk-label" for=topic_field.clone()>{format!("Topic of the action on line {line}")}</label>
                                {move || message.try_get().flatten().map(|m| view! {
                                    <p id=error_id.clone() class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
                                })}
                                <select class="govuk-select" id=topic_field.clone() name=format!("topic[{line}]")>
                                    <option value="">"Choose a topic"</option>
                                    {topics.into_iter().map(|(id, name)| {
                                        let value = id.to_string();
                                        let selected = {
                                            let value = value.clone();
                                            let chosen = chosen.clone();
                                            move || chosen() == value
                                        };
                                        view! { <option value=value selected=selected>{name}</option> }
                                    }).collect::<Vec<_>>()}
                                </select>
                            </div>
                            <div class="govuk-checkboxes govuk-checkboxes--small">
                                <div class="govuk-checkboxes__item">
                                    <input class="govuk-checkboxes__input" id=include_id.clone() name=format!("include[{line}]") type="checkbox" value="on" checked=true/>
                                    <label class="govuk-label govuk-checkboxes__label" for=include_id>{format!("Create the action on line {line}")}</label>
                                </div>
                            </div>
                        </div>
                    </div>
                }
            }).collect::<Vec<_>>()}
            <button type="submit" class="govuk-button">{if count == 1 { "Create the action".to_owned() } else { format!("Create {count} actions") }}</button>
        </ActionForm>
    }.into_any()
}

#[component]
fn Created(review: MinutesActions) -> impl IntoView {
    let created: Vec<_> = review
        .proposed
        .into_iter()
        .filter_map(|p| p.created.map(|c| (c, p.text)))
        .collect();
    (!created.is_empty()).then(|| view! {
        <h2 class="govuk-heading-m">"Already created from these minutes"</h2>
        <ul class="govuk-list">
            {created.into_iter().map(|((id, reference), text)| view! {
                <li><A href=format!("/actions/{id}") attr:class="govuk-link">{reference}</A>{format!(": {text}")}</li>
            }).collect::<Vec<_>>()}
        </ul>
    })
}

#[component]
fn Unreadable(review: MinutesActions) -> impl IntoView {
    let meeting = review.meeting_id;
    (!review.unreadable.is_empty()).then(|| view! {
        <h2 class="govuk-heading-m">"Lines that look like actions but could not be read"</h2>
        <ul class="govuk-list">
            {review.unreadable.into_iter().map(|u| view! {
                <li>
                    <p class="govuk-body govuk-!-margin-bottom-1">{format!("Line {}: ", u.line_no)}<code>{u.line}</code></p>
                    <p class="govuk-body app-secondary">{u.reason}</p>
                </li>
            }).collect::<Vec<_>>()}
        </ul>
        <p class="govuk-body"><A href=format!("/meetings/{meeting}/minutes") attr:class="govuk-link">"Correct them in the minutes"</A></p>
    })
}
