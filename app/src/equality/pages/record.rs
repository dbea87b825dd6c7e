//! A question's or action's place in the equality framework, on its page: the objectives,
//! aims and characteristics it concerns, the Commissioner's assurance, and (for the
//! office) the form that tags it — plain checkboxes, so it works without JavaScript.

use domain::equality::{RecordEquality, TagChoice};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::{ErrorSummary, FormError};
use crate::equality::server::{equality_of_record, public_equality_of_record, TagRecord};

/// The equality panel of the record `kind` ("question" or "action") `id`.
#[component]
pub fn EqualityPanel(kind: &'static str, id: i64, #[prop(optional)] public: bool) -> impl IntoView {
    let equality = Resource::new(
        move || (kind, id, public),
        |(kind, id, public)| async move {
            if public {
                public_equality_of_record(kind.to_owned(), id.to_string()).await
            } else {
                equality_of_record(kind.to_owned(), id.to_string()).await
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                equality.await.ok().map(|e| view! { <Panel kind id e public/> })
            })}
        </Suspense>
    }
}

#[component]
fn Panel(kind: &'static str, id: i64, e: RecordEquality, public: bool) -> impl IntoView {
    let tagged = !(e.objectives.is_empty() && e.aims.is_empty() && e.characteristics.is_empty());
    let list = |items: Vec<String>| {
        if items.is_empty() {
            view! { "None chosen" }.into_any()
        } else {
            view! {
                <ul class="govuk-list">
                    {items.into_iter().map(|i| view! { <li>{i}</li> }).collect::<Vec<_>>()}
                </ul>
            }
            .into_any()
        }
    };
    let row = |key: &'static str, value: AnyView| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    let assurance = match &e.assurance {
        Some(a) => view! {
            <strong class=format!("govuk-tag app-assurance app-assurance--{}", a.level.as_str())>{a.level.label()}</strong>
            <p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-1">{a.reason.clone()}</p>
            <p class="govuk-body-s app-secondary">"Recorded "<time datetime=a.at.utc.clone()>{a.at.long.clone()}</time></p>
        }
        .into_any(),
        None => view! { "Not recorded yet: the Commissioner records it when assessing the "{if kind == "question" { "answer" } else { "response" }} }.into_any(),
    };
    let link = |(id, reference): (i64, String)| {
        let href = if public {
            format!("/public/actions/{id}")
        } else {
            format!("/actions/{id}")
        };
        view! { <a class="govuk-link" href=href>{reference}</a> }
    };
    if public {
        // The public page tells the assurance with the status ("Closed. The Commissioner was
        // not assured …"); here only what the record concerns, and only what was chosen.
        if !tagged {
            return ().into_any();
        }
        let shown = |key: &'static str, items: &Vec<String>| {
            (!items.is_empty()).then(|| row(key, list(items.clone())))
        };
        return view! {
            <h2 class="govuk-heading-m" id="equality">"Equality"</h2>
            <dl class="govuk-summary-list">
                {shown("Equality objectives", &e.objectives)}
                {shown("Aims of the equality duty", &e.aims)}
                {shown("Protected characteristics", &e.characteristics)}
            </dl>
        }
        .into_any();
    }
    view! {
        <h2 class="govuk-heading-m" id="equality">"Equality"</h2>
        <dl class="govuk-summary-list">
            {row("Equality objectives", list(e.objectives.clone()))}
            {row("Aims of the equality duty", list(e.aims.clone()))}
            {row("Protected characteristics", list(e.characteristics.clone()))}
            {row("The Commissioner's assurance", assurance)}
            {e.follow_up.clone().map(|l| row("Follow-up action", link(l).into_any()))}
            {e.follows.clone().map(|l| row("Follows action", link(l).into_any()))}
        </dl>
        {e.may_tag.then(|| view! { <TagForm kind id e=e.clone()/> })}
    }
    .into_any()
}

fn boxes(legend: String, choices: Vec<TagChoice>) -> impl IntoView {
    view! {
        <fieldset class="govuk-fieldset govuk-!-margin-bottom-4">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
            <div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
                {choices.into_iter().map(|c| {
                    let id = format!("tag-{}", c.key.replace(':', "-"));
                    view! {
                        <div class="govuk-checkboxes__item">
                            <input class="govuk-checkboxes__input" id=id.clone() name=format!("tags[{}]", c.key) type="checkbox" value="on" checked=c.chosen/>
                            <label class="govuk-label govuk-checkboxes__label" for=id>{c.label.clone()}</label>
                        </div>
                    }
                }).collect::<Vec<_>>()}
            </div>
        </fieldset>
    }
}

#[component]
fn TagForm(kind: &'static str, id: i64, e: RecordEquality) -> impl IntoView {
    let tag = ServerAction::<TagRecord>::new();
    let error: FormError = crate::components::form_error(tag);
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary">
                <span class="govuk-details__summary-text">{format!("Choose what this {kind} concerns")}</span>
            </summary>
            <div class="govuk-details__text">
                <ErrorSummary error/>
                <ActionForm action=tag attr:id="tags">
                    <input type="hidden" name="kind" value=kind/>
                    <input type="hidden" name="id" value=id.to_string()/>
                    {e.objective_choices.into_iter().map(|(plan, choices)| boxes(plan, choices)).collect::<Vec<_>>()}
                    {boxes("Aims of the equality duty".to_owned(), e.aim_choices)}
                    {boxes("Protected characteristics".to_owned(), e.characteristic_choices)}
                    <button type="submit" class="govuk-button govuk-button--secondary">"Save equality tags"</button>
                </ActionForm>
            </div>
        </details>
    }
}

/// The assurance fields of an assessment form: the level and the reason for it.
#[component]
pub fn AssuranceFields(error: FormError, kind: &'static str) -> impl IntoView {
    let hint = if kind == "answer" {
        "Whether the answer is satisfactory is one fact; how assured the Commissioner is by it is another. Both are shown in the register, the briefing pack and, once published, the public pages."
    } else {
        "Whether the force has done the action is one fact; how assured the Commissioner is by the response is another. Both are shown in the register, the briefing pack and, once published, the public pages."
    };
    view! {
        <crate::components::Radios legend="How assured is the Commissioner?" name="assurance" error
            options=domain::equality::Assurance::options() hint/>
        <crate::components::TextArea label="Why (needed with an assurance level)" name="assurance_reason" error rows=3/>
    }
}
