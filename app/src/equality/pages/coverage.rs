//! Coverage: objectives, aims and protected characteristics × quarters of a financial year
//! — how many questions and actions touched each — and what has gone unscrutinised; on its
//! own page and in a meeting's briefing pack.

use domain::equality::{Coverage, CoverageRow};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::equality::server::{equality_coverage, equality_for_briefing};

#[component]
pub fn CoveragePage() -> impl IntoView {
    let query = use_query_map();
    let coverage = Resource::new(
        move || {
            query.with(|q| {
                (
                    q.get("year").unwrap_or_default(),
                    q.get("months").unwrap_or_default(),
                )
            })
        },
        |(year, months)| equality_coverage(year, months),
    );
    view! {
        <Title text="Equality coverage"/>
        <a href="/equality" class="govuk-back-link">"Back to the equality objectives"</a>
        <h1 class="govuk-heading-l">"Equality coverage"</h1>
        {crate::components::loaded(coverage, |c| view! {
            <form method="get" action="/equality/coverage" class="app-filter">
                <div class="govuk-form-group">
                    <label class="govuk-label" for="year">"Financial year starting in"</label>
                    <input class="govuk-input govuk-input--width-4" id="year" name="year" type="text" inputmode="numeric" value=c.year.to_string()/>
                </div>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="months">"Flag what has had no scrutiny for (months)"</label>
                    <input class="govuk-input govuk-input--width-3" id="months" name="months" type="text" inputmode="numeric" value=c.months.to_string()/>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
            </form>
            <CoverageTables c=c.clone()/>
        }.into_any())}
    }
}

/// What has gone unscrutinised, then the three tables.
#[component]
pub fn CoverageTables(c: Coverage, #[prop(optional)] brief: bool) -> impl IntoView {
    let heading = if brief {
        "govuk-heading-s"
    } else {
        "govuk-heading-m"
    };
    view! {
        <h2 class=heading>{format!("No scrutiny since {}", c.since_long)}</h2>
        <p class="govuk-body">{format!("No question or action in the last {} months has concerned:", c.months)}</p>
        {untouched("Equality objectives", c.unscrutinised_objectives.clone())}
        {untouched("Protected characteristics", c.unscrutinised_characteristics.clone())}
        {(!brief).then(|| view! {
            <p class="govuk-body">"A question counts in the quarter it was asked (drafts never count); an action in the quarter it was recorded. Each cell says how many questions and actions concerned the row."</p>
            {table(format!("Equality objectives, {}", c.year_label), &c.quarters, c.objectives.clone())}
            {table(format!("Aims of the equality duty, {}", c.year_label), &c.quarters, c.aims.clone())}
        })}
        {table(format!("Protected characteristics, {}", c.year_label), &c.quarters, c.characteristics.clone())}
    }
}

fn untouched(what: &'static str, labels: Vec<String>) -> impl IntoView {
    view! {
        <h3 class="govuk-heading-s">{what}</h3>
        {if labels.is_empty() {
            view! { <p class="govuk-body">"None: every one has been scrutinised."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list govuk-list--bullet">
                    {labels.into_iter().map(|l| view! { <li>{l}</li> }).collect::<Vec<_>>()}
                </ul>
            }.into_any()
        }}
    }
}

fn table(caption: String, quarters: &[String], rows: Vec<CoverageRow>) -> impl IntoView {
    let quarters = quarters.to_vec();
    view! {
        <table class="govuk-table app-coverage">
            <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Concerning"</th>
                    {quarters.iter().map(|q| view! { <th scope="col" class="govuk-table__header">{q.clone()}</th> }).collect::<Vec<_>>()}
                    <th scope="col" class="govuk-table__header">"The year"</th>
                    <th scope="col" class="govuk-table__header">"Last scrutinised"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|r| {
                    let quarters = quarters.clone();
                    view! {
                        <tr class="govuk-table__row">
                            <th scope="row" class="govuk-table__header">
                                <a class="govuk-link" href=format!("/actions?status=all&tag={}", r.key)>{r.label.clone()}</a>
                            </th>
                            {r.quarters.iter().zip(quarters).map(|(t, q)| view! {
                                <td data-label=q class=if t.total() == 0 { "govuk-table__cell app-secondary" } else { "govuk-table__cell" }>{t.describe()}</td>
                            }).collect::<Vec<_>>()}
                            <td data-label="The year" class="govuk-table__cell">{r.year.describe()}</td>
                            <td data-label="Last scrutinised" class="govuk-table__cell">{r.last.clone().unwrap_or_else(|| "Never".to_owned())}</td>
                        </tr>
                    }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

/// The briefing pack's equality section: the review reminder, what has gone
/// unscrutinised, coverage by characteristic, and the assurance recorded on the board's
/// questions and actions.
#[component]
pub fn BriefingEquality(meeting: i64) -> impl IntoView {
    let equality = Resource::new(move || meeting, |m| equality_for_briefing(m.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                equality.await.ok().map(|b| view! {
                    <h2 class="govuk-heading-l" id="equality">"Equality"</h2>
                    {b.review.clone().map(|(title, _, on)| view! {
                        <div class="govuk-warning-text">
                            <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                            <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{format!("{title} is due for review on {on}.")}</strong>
                        </div>
                    })}
                    <CoverageTables c=b.coverage.clone() brief=true/>
                    <h3 class="govuk-heading-s">"Contract and grant monitoring due"</h3>
                    {if b.monitoring.is_empty() {
                        view! { <p class="govuk-body">"No return is overdue or due in the next 30 days."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="govuk-list">
                                {b.monitoring.iter().map(|m| view! {
                                    <li>
                                        <a class="govuk-link" href=format!("/equality/contracts/{}", m.contract_id)>{format!("{} ({})", m.title, m.party)}</a>
                                        {format!(": due {} ", m.due_on)}{super::contracts::state_tag(m.state)}
                                    </li>
                                }).collect::<Vec<_>>()}
                            </ul>
                        }.into_any()
                    }}
                    <h3 class="govuk-heading-s">"The Commissioner's assurance on this board's questions and actions"</h3>
                    {if b.assured.is_empty() {
                        view! { <p class="govuk-body">"None recorded yet."</p> }.into_any()
                    } else {
                        view! { <super::report::ItemTable caption="Assurance recorded, latest first".to_owned() items=b.assured.clone() public=false/> }.into_any()
                    }}
                })
            })}
        </Suspense>
    }
}
