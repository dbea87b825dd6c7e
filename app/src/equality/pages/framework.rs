//! The equality framework: the duty's three aims (with what "due regard" includes), the
//! nine protected characteristics, and the OPCC's equality objectives register — plans,
//! objectives by group with their owners, progress updates with ratings — with the forms
//! that keep it.

use domain::equality::{
    Aim, Characteristic, Framework, ObjectiveGroup, PlanView, Rating, ReviewState,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{
    ChooseField, ErrorSummary, FormError, Radios, SuccessBanner, TextArea, TextField,
};
use crate::equality::server::{equality_framework, AddObjective, AddPlan, AddProgress};

#[component]
pub fn EqualityPage() -> impl IntoView {
    let framework = Resource::new(|| (), |_| equality_framework());
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("plan", "The plan was added"),
            ("objective", "The objective was added"),
            ("progress", "The progress update was recorded"),
        ],
    );
    view! {
        <Title text="Equality objectives"/>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"Equality objectives"</h1>
        <p class="govuk-body">
            <a class="govuk-link" href="/equality/coverage">"Coverage: what has been scrutinised, by quarter"</a>" · "
            <a class="govuk-link" href="/equality/contracts">"Contracts and grants"</a>" · "
            <a class="govuk-link" href="/equality/report">"Annual equality report"</a>
        </p>
        {crate::components::loaded(framework, |f| view! { <Register f/> }.into_any())}
    }
}

pub(crate) fn rating_tag(rating: Option<Rating>) -> impl IntoView {
    match rating {
        Some(r) => view! { <strong class=format!("govuk-tag app-rating app-rating--{}", r.as_str())>{r.label()}</strong> }.into_any(),
        None => view! { <span class="app-secondary">"No update yet"</span> }.into_any(),
    }
}

fn review_note(plan: &PlanView) -> Option<impl IntoView> {
    let text = match plan.review {
        ReviewState::Later => return None,
        ReviewState::Soon(days) => format!(
            "{} is due for review on {} ({days} days from today). Objectives must be reviewed at least every four years: agree the next plan before then.",
            plan.title, plan.review_long
        ),
        ReviewState::Overdue(days) => format!(
            "{} was due for review on {} ({days} days ago). Add the next plan with its objectives.",
            plan.title, plan.review_long
        ),
    };
    Some(view! {
        <div class="govuk-warning-text">
            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{text}</strong>
        </div>
    })
}

#[component]
fn Register(f: Framework) -> impl IntoView {
    let current = f.plans.first().map(review_note);
    view! {
        {current}
        <h2 class="govuk-heading-m">"The equality duty"</h2>
        <p class="govuk-body">"In everything it does, the Commissioner must have due regard to the need to:"</p>
        <ol class="govuk-list govuk-list--number">
            {Aim::ALL.iter().map(|aim| view! {
                <li>
                    <strong>{aim.label()}</strong>": "{aim.wording()}"."
                    {(!aim.due_regard().is_empty()).then(|| view! {
                        <ul class="govuk-list govuk-list--bullet govuk-!-margin-top-1">
                            {aim.due_regard().iter().map(|d| view! { <li>{*d}</li> }).collect::<Vec<_>>()}
                        </ul>
                    })}
                </li>
            }).collect::<Vec<_>>()}
        </ol>
        <p class="govuk-body">"The protected characteristics: "
            {Characteristic::ALL.iter().map(|c| c.label()).collect::<Vec<_>>().join(", ")}"."
        </p>
        {f.plans.clone().into_iter().map(|plan| view! { <Plan plan/> }).collect::<Vec<_>>()}
        {f.plans.is_empty().then(|| view! { <p class="govuk-body">"No equality objectives yet: add the plan they belong to below."</p> })}
        {f.may_edit.then(|| view! { <Forms plans=f.plans.clone()/> })}
    }
}

#[component]
fn Plan(plan: PlanView) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">{plan.title.clone()}</h2>
        <p class="govuk-body-s app-secondary">{format!("From {} · review due {}", plan.starts_on, plan.review_long)}</p>
        {plan.groups.into_iter().filter(|g| !g.objectives.is_empty()).map(|g| view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">{g.group.label()}" — we will:"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Objective"</th>
                        <th scope="col" class="govuk-table__header">"Owner"</th>
                        <th scope="col" class="govuk-table__header">"Progress"</th>
                        <th scope="col" class="govuk-table__header">"Scrutiny"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {g.objectives.into_iter().map(|o| {
                        let rating = o.rating();
                        let latest = o.updates.first().cloned();
                        let older = o.updates.len().saturating_sub(1);
                        let updates = o.updates.clone();
                        let filter = format!("/actions?tag=objective:{}", o.id);
                        view! {
                            <tr class="govuk-table__row">
                                <td data-label="Objective" class="govuk-table__cell">{o.text.clone()}</td>
                                <td data-label="Owner" class="govuk-table__cell">{o.owner.clone()}</td>
                                <td data-label="Progress" class="govuk-table__cell">
                                    {rating_tag(rating)}
                                    {latest.map(|u| view! {
                                        <div class="app-minutes govuk-!-margin-top-1" inner_html=u.body_html.clone()></div>
                                        <p class="govuk-body-s app-secondary">{format!("{} · {}", u.at.long, u.who)}</p>
                                    })}
                                    {(older > 0).then(|| view! {
                                        <details class="govuk-details govuk-!-margin-bottom-0">
                                            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">{format!("{older} earlier updates")}</span></summary>
                                            <div class="govuk-details__text">
                                                {updates.into_iter().skip(1).map(|u| view! {
                                                    <p class="govuk-body-s">{rating_tag(Some(u.rating))}{format!(" {} · {}", u.at.long, u.who)}</p>
                                                    <div class="app-minutes" inner_html=u.body_html.clone()></div>
                                                }).collect::<Vec<_>>()}
                                            </div>
                                        </details>
                                    })}
                                </td>
                                <td data-label="Scrutiny" class="govuk-table__cell">
                                    {format!("{} questions, ", o.questions)}
                                    <a class="govuk-link" href=filter>{format!("{} actions", o.actions)}</a>
                                </td>
                            </tr>
                        }
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        }).collect::<Vec<_>>()}
    }
}

#[component]
fn Forms(plans: Vec<PlanView>) -> impl IntoView {
    let progress = ServerAction::<AddProgress>::new();
    let objective = ServerAction::<AddObjective>::new();
    let plan = ServerAction::<AddPlan>::new();
    let progress_error: FormError = crate::components::form_error(progress);
    let objective_error: FormError = crate::components::form_error(objective);
    let plan_error: FormError = crate::components::form_error(plan);
    let objectives: Vec<(String, String)> = plans
        .first()
        .map(|p| {
            p.groups
                .iter()
                .flat_map(|g| g.objectives.iter())
                .map(|o| (o.id.to_string(), o.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    let plan_options: Vec<(String, String)> = plans
        .iter()
        .map(|p| (p.id.to_string(), p.title.clone()))
        .collect();
    let groups: Vec<(String, String)> = ObjectiveGroup::ALL
        .iter()
        .map(|g| (g.as_str().to_owned(), g.label().to_owned()))
        .collect();
    view! {
        {(!objectives.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m" id="record-progress">"Record progress on an objective"</h2>
            <ErrorSummary error=progress_error/>
            <ActionForm action=progress attr:novalidate=true>
                <ChooseField label="Objective to update" name="objective_id" error=progress_error options=objectives.clone() empty="Choose the objective"/>
                <Radios legend="Rating" name="rating" error=progress_error options=Rating::options()/>
                <TextArea label="What has happened" name="progress" error=progress_error rows=4 hint="Markdown. Say what was done, what the evidence shows and what comes next."/>
                <button type="submit" class="govuk-button">"Record progress"</button>
            </ActionForm>
        })}
        {(!plan_options.is_empty()).then(|| view! {
            <h2 class="govuk-heading-m" id="add-objective">"Add an objective"</h2>
            <ErrorSummary error=objective_error/>
            <ActionForm action=objective attr:novalidate=true>
                <ChooseField label="Plan" name="plan" error=objective_error options=plan_options.clone() value=plan_options.first().map(|p| p.0.clone()).unwrap_or_default() empty="Choose the plan"/>
                <ChooseField label="Group" name="group" error=objective_error options=groups.clone() empty="Choose the group"/>
                <TextArea label="Objective" name="objective" error=objective_error rows=2 hint="As the plan words it, after “We will”."/>
                <TextField label="Owner" name="owner" error=objective_error hint="A person or a team of the OPCC"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Add objective"</button>
            </ActionForm>
        })}
        <h2 class="govuk-heading-m" id="add-plan">"Add a plan of equality objectives"</h2>
        <ErrorSummary error=plan_error/>
        <ActionForm action=plan attr:novalidate=true>
            <TextField label="Title" name="title" error=plan_error hint="Like “Equality Objectives 2025–2029”"/>
            <TextField label="Starts on" name="starts_on" error=plan_error hint="For example 2025-04-01" width_class="govuk-input--width-10"/>
            <TextField label="Review due on" name="review_on" error=plan_error hint="At most four years after it starts" width_class="govuk-input--width-10"/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Add plan"</button>
        </ActionForm>
    }
}
