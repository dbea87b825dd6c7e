//! An action's page: its details, the latest response above the forms that judge it, the
//! forms for each step of its workflow, and its timeline.

use domain::{ActionStatus, ActionView, ExtensionStatus, Role, DUE_HINT};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use super::{action_due, action_status_tag, role};
use crate::components::{
    ConfirmPanel, ErrorSummary, FormError, Radios, ShowError, SuccessBanner, TextArea, TextField,
};
use crate::meetings::{flag_message, page_id};
use crate::register::server::*;

const SAVED: &[(&str, &str)] = &[
    ("created", "The action was recorded"),
    ("edited", "The action's details were saved"),
    ("response", "The response was submitted"),
    ("assessed", "The assessment was recorded"),
    ("tagged", "The equality tags were saved"),
    ("withdrawn", "The action was withdrawn"),
    ("extension_requested", "The extension request was sent"),
    (
        "extension_decided",
        "The decision on the extension was recorded",
    ),
    ("published", "The action is now on the public pages"),
    ("unpublished", "The action is no longer on the public pages"),
];

#[component]
pub fn ActionPage() -> impl IntoView {
    let id = page_id();
    let respond = ServerAction::<RespondToAction>::new();
    let assess = ServerAction::<AssessAction>::new();
    let withdraw = ServerAction::<WithdrawAction>::new();
    let extend = ServerAction::<RequestExtension>::new();
    let decide = ServerAction::<DecideExtension>::new();
    let publish = ServerAction::<PublishAction>::new();
    let action = Resource::new(
        move || {
            (
                id(),
                respond.version().get() + assess.version().get() + withdraw.version().get(),
                extend.version().get() + decide.version().get() + publish.version().get(),
            )
        },
        |(id, ..)| get_action(id),
    );
    let forms = Forms {
        respond,
        assess,
        withdraw,
        extend,
        decide,
        publish,
    };
    let saved = flag_message("saved", SAVED);
    let query = use_query_map();
    // Tracked: "No, go back" and a done step change only the address's query.
    let confirming = move || query.with(|q| q.get("confirm").as_deref() == Some("unpublish"));
    view! {
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || {
                let confirming = confirming();
                Suspend::new(async move {
                let force = role().await == Some(Role::ForceLiaison);
                match action.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(view) => view! {
                        <Title text=format!("Action {}", view.summary.reference)/>
                        <A href="/actions" attr:class="govuk-back-link">"Back to the register"</A>
                        <SuccessBanner message=saved/>
                        {forms.errors().into_iter().map(|error| view! { <ErrorSummary error/> }).collect::<Vec<_>>()}
                        <ActionDetails view=view.clone() force/>
                        {(confirming && view.summary.published && view.may.edit).then(|| {
                            let id = view.summary.id;
                            view! {
                                <ConfirmPanel question=format!("Take action {} off the public pages?", view.summary.reference)
                                    detail="The public will no longer see it, its responses or the Commissioner's judgement, and it leaves its meeting's public page."
                                    cancel=format!("/actions/{id}")>
                                    <ActionForm action=forms.publish attr:class="app-inline-form">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <input type="hidden" name="publish" value="no"/>
                                        <button type="submit" class="govuk-button govuk-button--warning">"Yes, take it off"</button>
                                    </ActionForm>
                                </ConfirmPanel>
                            }
                        })}
                        <LatestResponse view=view.clone()/>
                        <Workflow view=view.clone() forms/>
                        <crate::equality::EqualityPanel kind="action" id=view.summary.id/>
                        <History view force/>
                    }.into_any(),
                }
            })}}
        </Suspense>
    }
}

/// The forms of an action's page, each with its own error.
#[derive(Clone, Copy)]
struct Forms {
    respond: ServerAction<RespondToAction>,
    assess: ServerAction<AssessAction>,
    withdraw: ServerAction<WithdrawAction>,
    extend: ServerAction<RequestExtension>,
    decide: ServerAction<DecideExtension>,
    publish: ServerAction<PublishAction>,
}

impl Forms {
    fn errors(&self) -> [FormError; 6] {
        [
            crate::components::form_error(self.respond),
            crate::components::form_error(self.assess),
            crate::components::form_error(self.withdraw),
            crate::components::form_error(self.extend),
            crate::components::form_error(self.decide),
            crate::components::form_error(self.publish),
        ]
    }
}

/// The force's latest response, above the forms that judge it (and the full history below).
#[component]
fn LatestResponse(view: ActionView) -> impl IntoView {
    let latest = view
        .timeline
        .iter()
        .rev()
        .find(|entry| entry.what == "Response submitted")
        .cloned();
    let awaiting = view.summary.status == ActionStatus::ResponseSubmitted;
    latest.filter(|_| awaiting || view.may.respond).map(|entry| {
        view! {
            <section class="app-latest-response" aria-labelledby="latest-response">
                <h2 class="govuk-heading-m" id="latest-response">
                    {if awaiting { "The response to assess" } else { "The force's last response" }}
                </h2>
                <p class="govuk-body app-secondary">{format!("{}, {}", entry.who, entry.at.long)}</p>
                <div class="app-minutes" inner_html=entry.body_html/>
            </section>
        }
    })
}

/// Where a linked meeting can be read: its staff page for the OPCC; for force liaison, its
/// public page (the only meetings they are shown are published ones).
fn meeting_href(meeting: i64, force: bool) -> String {
    if force {
        format!("/public/meetings/{meeting}")
    } else {
        format!("/meetings/{meeting}")
    }
}

#[component]
fn ActionDetails(view: ActionView, force: bool) -> impl IntoView {
    let s = view.summary.clone();
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    let origin = match (&view.meeting, &view.agenda_item, &view.question) {
        (Some((meeting, at)), item, _) => view! {
            <A href=meeting_href(*meeting, force) attr:class="govuk-link">{format!("Meeting of {}", at.long)}</A>
            {item.clone().map(|(_, title)| view! { <br/>{format!("Agenda item: {title}")} })}
            {view.minutes_version.map(|v| view! { <br/>{format!("Recorded from the minutes (version {v})")} })}
        }.into_any(),
        (None, _, Some((question, text))) => view! {
            <A href=format!("/questions/{question}") attr:class="govuk-link">{format!("Question: {text}")}</A>
        }.into_any(),
        _ => view! { "Standalone" }.into_any(),
    };
    view! {
        <span class="govuk-caption-l">{format!("{} · {}", view.board_name, s.topic)}</span>
        <h1 class="govuk-heading-l">{format!("Action {}", s.reference)}</h1>
        <p class="govuk-body-l">{s.text.clone()}</p>
        <dl class="govuk-summary-list">
            {row("Status", action_status_tag(s.status).into_any())}
            {row("Due", view! {
                {action_due(&s)}
                {s.extended.then(|| view! { <br/>{format!("Originally due {}", view.original_due_on)} })}
            }.into_any())}
            {row("Owner", view! { {s.owner.with_name(&s.owner_name)} }.into_any())}
            {row("Priority", view! { {s.priority.label()} }.into_any())}
            {row("Arose from", origin)}
            {row("Recorded", view! { {view.created.long.clone()} }.into_any())}
            {row("Public", view! { {if s.published { "Published" } else { "Not published" }} }.into_any())}
        </dl>
    }
}

/// How a response the office records was received (in Scrutineer is for its author).
const RECEIVED_BY: [(&str, &str); 3] = [
    ("letter", "By letter"),
    ("email", "By email"),
    ("meeting", "At a meeting"),
];

#[component]
fn Workflow(view: ActionView, forms: Forms) -> impl IntoView {
    let id = view.summary.id;
    let speaker = view.summary.owner.speaker(&view.summary.owner_name);
    let may = view.may;
    let [respond_error, assess_error, withdraw_error, extend_error, decide_error, _] =
        forms.errors();
    let pending = view
        .extensions
        .iter()
        .find(|e| e.status == ExtensionStatus::Pending)
        .cloned();
    let published = view.summary.published;
    let hidden = move || view! { <input type="hidden" name="id" value=id.to_string()/> };
    view! {
        {may.respond.then(|| view! {
            <h2 class="govuk-heading-m">"Respond"</h2>
            <ActionForm action=forms.respond attr:novalidate=true>
                {hidden()}
                <TextArea label="Response" name="response" error=respond_error rows=6
                    hint="What was done, with links to the evidence. Markdown: **bold**, lists, [links](https://…). Images are not shown: link to them. What the public reads of it is chosen by the Commissioner's office: nothing, these words with any personal information redacted, or a summary; always as its author's words."/>
                {may.respond_for_owner.then(|| view! {
                    <p class="govuk-body">{format!("You are recording the words of {}: say when and how they reached the office.", speaker)}</p>
                    <TextField label="Date it was received" name="received_on" error=respond_error hint="For example 3/12/2026 or 3 December 2026" width_class="govuk-input--width-20"/>
                    <crate::components::SelectField label="How it was received" name="channel" error=respond_error options=RECEIVED_BY.to_vec()/>
                })}
                <button type="submit" class="govuk-button">{if may.respond_for_owner { "Record response" } else { "Submit response" }}</button>
            </ActionForm>
        })}
        {may.request_extension.then(|| view! {
            <h2 class="govuk-heading-m">"Ask for more time"</h2>
            <ActionForm action=forms.extend attr:novalidate=true>
                {hidden()}
                <TextArea label="Why more time is needed" name="reason" error=extend_error rows=3/>
                <TextField label="Proposed due date" name="proposed" error=extend_error hint=DUE_HINT width_class="govuk-input--width-20"/>
                <super::actions::ConfirmDue error=extend_error/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Request extension"</button>
            </ActionForm>
        })}
        {may.assess.then(|| view! {
            <h2 class="govuk-heading-m">"Assess the response"</h2>
            <ActionForm action=forms.assess attr:novalidate=true>
                {hidden()}
                <Radios legend="Outcome" name="outcome" error=assess_error options=vec![
                    ("accept", "Accept the response and close the action"),
                    ("further_information", "Ask for further information"),
                ]/>
                <TextArea label="Note" name="note" error=assess_error rows=3
                    hint="Required when asking for further information: say what is needed."/>
                <TextField label="New due date (optional)" name="due" error=assess_error hint=DUE_HINT width_class="govuk-input--width-20"/>
                <crate::equality::AssuranceFields error=assess_error kind="response"/>
                <details class="govuk-details">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Not assured? Record a follow-up action with the closure"</span></summary>
                    <div class="govuk-details__text">
                        <p class="govuk-body">"When the response is accepted and the Commissioner is not assured, a follow-up action can be recorded in the same step: same board, topic and owner, linked to this one."</p>
                        <TextArea label="Follow-up action (optional)" name="follow_up" error=assess_error rows=2/>
                        <TextField label="Follow-up due date" name="follow_up_due" error=assess_error hint=DUE_HINT width_class="govuk-input--width-20"/>
                    </div>
                </details>
                <button type="submit" class="govuk-button">"Record assessment"</button>
            </ActionForm>
        })}
        {pending.clone().filter(|_| may.decide_extension).map(|request| view! {
            <h2 class="govuk-heading-m">"Decide the extension request"</h2>
            <p class="govuk-body">{format!(
                "{} asked on {} to move the due date from {} to {}:",
                request.requested_by, request.requested_at.long, request.due_on_before, request.proposed_due_on
            )}</p>
            <div class="govuk-inset-text">{request.reason.clone()}</div>
            <ActionForm action=forms.decide attr:novalidate=true>
                {hidden()}
                <Radios legend="Decision" name="decision" error=decide_error options=domain::ExtensionDecision::options()/>
                <TextArea label="Note" name="decision_note" error=decide_error rows=3 hint="Required when refusing."/>
                <button type="submit" class="govuk-button">"Record decision"</button>
            </ActionForm>
        })}
        {pending.filter(|_| !may.decide_extension).map(|request| view! {
            <div class="govuk-inset-text">{format!(
                "An extension to {} is awaiting the Commissioner's decision.", request.proposed_due_on
            )}</div>
        })}
        {may.edit.then(|| view! {
            <A href=format!("/actions/{id}/edit") attr:class="govuk-button govuk-button--secondary" attr:role="button">"Edit details"</A>
            " "
            {if published {
                view! {
                    <a href=format!("/actions/{id}?confirm=unpublish") class="govuk-button govuk-button--secondary" role="button">"Remove from the public pages"</a>
                }.into_any()
            } else {
                view! {
                    <ActionForm action=forms.publish attr:class="app-inline-form">
                        {hidden()}
                        <input type="hidden" name="publish" value="yes"/>
                        <button type="submit" class="govuk-button govuk-button--secondary">"Publish on the public pages"</button>
                    </ActionForm>
                }.into_any()
            }}
        })}
        {may.withdraw.then(|| view! {
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"Withdraw this action"</span></summary>
                <div class="govuk-details__text">
                    <ActionForm action=forms.withdraw attr:novalidate=true>
                        {hidden()}
                        <TextArea label="Why it is withdrawn" name="withdrawal_reason" error=withdraw_error rows=3/>
                        <button type="submit" class="govuk-button govuk-button--warning">"Withdraw action"</button>
                    </ActionForm>
                </div>
            </details>
        })}
    }
}

#[component]
fn History(view: ActionView, force: bool) -> impl IntoView {
    let has_extensions = !view.extensions.is_empty();
    view! {
        {has_extensions.then(|| view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">"Extension requests"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Asked"</th>
                        <th scope="col" class="govuk-table__header">"Due date then"</th>
                        <th scope="col" class="govuk-table__header">"Proposed"</th>
                        <th scope="col" class="govuk-table__header">"Decision"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {view.extensions.iter().map(|e| view! {
                        <tr class="govuk-table__row">
                            <td data-label="Asked" class="govuk-table__cell">{format!("{} by {}", e.requested_at.long, e.requested_by)}<br/>{e.reason.clone()}</td>
                            <td data-label="Due date then" class="govuk-table__cell">{e.due_on_before.clone()}</td>
                            <td data-label="Proposed" class="govuk-table__cell">{e.proposed_due_on.clone()}</td>
                            <td data-label="Decision" class="govuk-table__cell">{e.status.label()}{(!e.decision_note.is_empty()).then(|| view! { <br/>{e.decision_note.clone()} })}</td>
                        </tr>
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        })}
        <super::timeline::StaffTimeline entries=view.timeline may_choose=!force/>
    }
}
