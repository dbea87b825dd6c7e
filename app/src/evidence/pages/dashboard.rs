//! The evidence page: stop-and-search disproportionality for a force and a period, with
//! how sure each ratio is, what unstated ethnicity could do to it, outcomes by group, the
//! trend over months, and every table as CSV.

use domain::evidence::{
    percent, BroadGroup, Disproportionality, EthnicityBasis, EvidenceView, FrozenFigure,
    GroupFigures, NotComputable, Threshold, PERIOD_KINDS,
};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use super::{decimal, thousands, TrendChart};
use crate::components::{ChooseField, ErrorSummary, FormError, SelectField, TextField};
use crate::evidence::server::{
    evidence_figures, AddThreshold, AttachFigure, PublishEvidence, RemoveThreshold,
};
use crate::AppError;

#[component]
pub fn EvidencePage() -> impl IntoView {
    let search = leptos_router::hooks::use_location().search;
    let view = Resource::new(move || search.get(), evidence_figures);
    view! {
        <Title text="Stop and search evidence"/>
        <span class="govuk-caption-l">"Equality evidence"</span>
        <h1 class="govuk-heading-l">"Stop and search: who is searched"</h1>
        {crate::components::loaded(view, |page| view! { <Evidence page/> }.into_any())}
    }
}

#[component]
fn Evidence(page: EvidenceView) -> impl IntoView {
    let error: FormError = Signal::stored(page.invalid.clone().map(AppError::from));
    let links = view! {
        <p class="govuk-body">
            <a class="govuk-link" href="/evidence/labels">"What the labels and population figures mean"</a>
            " · "<a class="govuk-link" href="/evidence/complaints">"Police complaints figures"</a>
            {page.can_import.then(|| view! {
                " · "<a class="govuk-link" href="/evidence/import">"Import data.police.uk files"</a>
            })}
        </p>
    };
    let Some(figures) = page.figures.clone() else {
        return view! {
            <ErrorSummary error/>
            {links}
            <div class="govuk-inset-text">
                "No stop and search data has been imported yet. "
                {if page.can_import {
                    view! { <a class="govuk-link" href="/evidence/import">"Import a force's monthly files from data.police.uk"</a>" to see the figures." }.into_any()
                } else {
                    view! { "Ask the OPCC to import the force's files from data.police.uk." }.into_any()
                }}
            </div>
        }
        .into_any();
    };
    let query = page.filter.to_query();
    let csv = |what: &str| format!("/evidence/csv/{what}.csv?{query}");
    let trend_title = format!(
        "Ratio to the White search rate by month, {}",
        figures.force_name
    );
    let thresholds: Vec<Threshold> = page.thresholds.iter().map(|(_, t)| *t).collect();
    let draft_address = page.can_import.then(|| query.clone());
    view! {
        <ErrorSummary error/>
        {links}
        <Filters page=page.clone() error/>
        <Summary figures=figures.clone()/>
        <RatesTable figures=figures.clone() thresholds address=draft_address/>
        <p class="govuk-body"><a class="govuk-link" href=csv("rates") download="stop-and-search-rates.csv">"Download this table (CSV)"</a></p>
        <Unstated figures=figures.clone()/>
        <OutcomesTable figures=figures.clone()/>
        <p class="govuk-body"><a class="govuk-link" href=csv("outcomes") download="stop-and-search-outcomes.csv">"Download this table (CSV)"</a></p>
        <h2 class="govuk-heading-m">"Trend"</h2>
        <TrendChart points=page.trend.clone() id="trend" title=trend_title/>
        <p class="govuk-body"><a class="govuk-link" href=csv("trend") download="stop-and-search-trend.csv">"Download the trend (CSV)"</a></p>
        {page.can_import.then(|| view! { <Attach page=page.clone() address=query.clone()/> })}
        <Thresholds page=page.clone() address=query.clone()/>
        {page.can_judge.then(|| view! { <Publish page=page.clone() address=query.clone()/> })}
        <Method/>
    }
    .into_any()
}

/// The question a crossing figure suggests, and its context: the figure and its inputs.
fn drafted(f: &domain::evidence::FrozenFigure) -> (String, String) {
    let ratio = f
        .ratio
        .as_ref()
        // The ratio as the table beside the link shows it.
        .map(|r| decimal(r.ratio, 2))
        .unwrap_or_default();
    (
        format!(
            "{} people were stopped and searched at {ratio} times the rate of White people in {}, {}. What does the force understand to be the reasons, and what is it doing to reduce the disproportionality?",
            f.group.label(),
            f.force_name,
            f.period.label()
        ),
        format!("{}.\n\n{}.", f.statement(), f.inputs()),
    )
}

#[component]
fn Attach(page: EvidenceView, address: String) -> impl IntoView {
    let attach = ServerAction::<AttachFigure>::new();
    let error: FormError = crate::components::form_error(attach);
    let questions = page
        .questions
        .iter()
        .map(|(id, text)| (id.to_string(), text.clone()))
        .collect::<Vec<_>>();
    let groups = BroadGroup::COMPARED
        .iter()
        .map(|g| {
            (
                g.as_str().to_owned(),
                format!("{} / White ratio", g.label()),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <h2 class="govuk-heading-m" id="attach">"Attach a figure to a question"</h2>
        <p class="govuk-body">"The figure is frozen as it is now, with its counts and population; the question shows it, and what it would be today if the data changes."</p>
        <ErrorSummary error/>
        {if questions.is_empty() {
            view! { <p class="govuk-body">"There are no questions yet to attach it to."</p> }.into_any()
        } else {
            view! {
                <ActionForm action=attach attr:novalidate=true>
                    <input type="hidden" name="address" value=address/>
                    <ChooseField label="Figure" name="group" error options=groups empty="Choose a group"/>
                    <ChooseField label="Question" name="question" error options=questions empty="Choose a question"/>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Attach the figure"</button>
                </ActionForm>
            }.into_any()
        }}
    }
}

#[component]
fn Thresholds(page: EvidenceView, address: String) -> impl IntoView {
    let add = ServerAction::<AddThreshold>::new();
    let remove = ServerAction::<RemoveThreshold>::new();
    let error: FormError = crate::components::form_error(add);
    let judge = page.can_judge;
    let list = page
        .thresholds
        .into_iter()
        .map(|(id, t)| {
            let address = address.clone();
            view! {
                <li>
                    {format!("Flag {}", t.label())}
                    {judge.then(|| view! {
                        " "
                        <ActionForm action=remove attr:class="app-inline-form">
                            <input type="hidden" name="id" value=id.to_string()/>
                            <input type="hidden" name="address" value=address/>
                            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                                "Remove"<span class="govuk-visually-hidden">{format!(" the threshold of {}", t.label())}</span>
                            </button>
                        </ActionForm>
                    })}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let empty = list.is_empty();
    view! {
        <h2 class="govuk-heading-m" id="thresholds">"Thresholds"</h2>
        {if empty {
            view! { <p class="govuk-body">"No thresholds are set: no figure is flagged."</p> }.into_any()
        } else {
            view! { <ul class="govuk-list govuk-list--bullet">{list}</ul> }.into_any()
        }}
        {judge.then(|| view! {
            <ErrorSummary error/>
            <ActionForm action=add attr:novalidate=true>
                <input type="hidden" name="address" value=address.clone()/>
                <SelectField label="Flag a figure when" name="kind" error
                    options=vec![("ratio", "its ratio is at or above"), ("interval", "its whole 95% interval is above")]/>
                <TextField label="Ratio" name="value" error hint="For example 3, or 2.5" width_class="govuk-input--width-4"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Add threshold"</button>
            </ActionForm>
        })}
    }
}

#[component]
fn Publish(page: EvidenceView, address: String) -> impl IntoView {
    let publish = ServerAction::<PublishEvidence>::new();
    let force = page.filter.force.clone().unwrap_or_default();
    let name = page
        .forces
        .iter()
        .find(|(slug, _)| *slug == force)
        .map(|(_, name)| name.clone())
        .unwrap_or_default();
    let published = page.published;
    view! {
        <h2 class="govuk-heading-m">"Public figures"</h2>
        <p class="govuk-body">
            {if published {
                format!("{} latest 12 months of figures are on the public pages.", super::possessive(&name))
            } else {
                format!("{} figures are not on the public pages.", super::possessive(&name))
            }}
            {published.then(|| view! { " "<a class="govuk-link" href=format!("/public/evidence?force={force}")>"See them as the public does"</a> })}
        </p>
        <ActionForm action=publish>
            <input type="hidden" name="force" value=force.clone()/>
            <input type="hidden" name="address" value=address/>
            <input type="hidden" name="publish" value=if published { "no" } else { "yes" }/>
            <button type="submit" class="govuk-button govuk-button--secondary">
                {if published { "Take them off the public pages" } else { "Publish the latest 12 months' figures" }}
            </button>
        </ActionForm>
    }
}

/// The filter form: a GET form, so that a view of the figures has an address of its own.
#[component]
fn Filters(page: EvidenceView, error: FormError) -> impl IntoView {
    let filter = page.filter.clone();
    let (kind, month, from) =
        filter
            .period
            .map(|p| p.to_form())
            .unwrap_or(("rolling", String::new(), String::new()));
    let legislation = match filter.legislation.as_deref() {
        None => "all".to_owned(),
        Some("") => "none".to_owned(),
        Some(l) => l.to_owned(),
    };
    let basis = filter.basis.unwrap_or(EthnicityBasis::SelfDefined);
    let force = filter.force.clone().unwrap_or_default();
    let table = filter.table.map(|t| t.to_string()).unwrap_or_default();
    let message = move |field: &'static str| {
        error.get_untracked().and_then(|e| {
            e.field_errors()
                .and_then(|f| f.get(field))
                .map(str::to_owned)
        })
    };
    let select = |name: &'static str,
                  label: &'static str,
                  options: Vec<(String, String)>,
                  chosen: String| {
        let problem = message(name);
        let class = if problem.is_some() {
            "govuk-form-group govuk-form-group--error app-filter"
        } else {
            "govuk-form-group app-filter"
        };
        view! {
            <div class=class>
                <label class="govuk-label" for=name>{label}</label>
                {problem.map(|m| view! { <p id=format!("{name}-error") class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                <select class="govuk-select" id=name name=name>
                    {options.into_iter().map(|(value, text)| {
                        let selected = value == chosen;
                        view! { <option value=value selected=selected>{text}</option> }
                    }).collect::<Vec<_>>()}
                </select>
            </div>
        }
    };
    let text = |name: &'static str, label: &'static str, hint: &'static str, value: String| {
        let problem = message(name);
        let class = if problem.is_some() {
            "govuk-form-group govuk-form-group--error app-filter"
        } else {
            "govuk-form-group app-filter"
        };
        view! {
            <div class=class>
                <label class="govuk-label" for=name>{label}</label>
                <div id=format!("{name}-hint") class="govuk-hint">{hint}</div>
                {problem.map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                <input class="govuk-input govuk-input--width-10" id=name name=name type="text"
                    value=value aria-describedby=format!("{name}-hint") spellcheck="false"/>
            </div>
        }
    };
    let mut legislations = vec![("all".to_owned(), "All legislation".to_owned())];
    legislations.extend(page.legislations.iter().map(|l| {
        if l.is_empty() {
            ("none".to_owned(), "Not recorded".to_owned())
        } else {
            (l.clone(), l.clone())
        }
    }));
    view! {
        <form method="get" action="/evidence" class="app-filters" novalidate>
            <h2 class="govuk-heading-m">"Which figures"</h2>
            <div class="app-filters__row">
                {select("force", "Force", page.forces.clone(), force)}
                {select("period", "Period", PERIOD_KINDS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect(), kind.to_owned())}
                {text("month", "Month", "The month the period ends with, like 2026-09", month)}
                {text("from", "From (for a range)", "The first month, like 2026-04", from)}
            </div>
            <div class="app-filters__row">
                {select("legislation", "Legislation", legislations, legislation)}
                {select("basis", "Ethnicity", EthnicityBasis::ALL.iter().map(|b| (b.as_str().to_owned(), b.label().to_owned())).collect(), basis.as_str().to_owned())}
                {select("table", "Population", page.tables.iter().map(|(d, default)| (d.table_id.to_string(), if *default { format!("{} (default)", d.name) } else { d.name.clone() })).collect(), table)}
            </div>
            <button type="submit" class="govuk-button govuk-button--secondary">"Show figures"</button>
        </form>
    }
}

#[component]
pub(super) fn Summary(figures: Disproportionality) -> impl IntoView {
    let legislation = match figures.legislation.as_deref() {
        None => "all legislation".to_owned(),
        Some("") => "searches with no legislation recorded".to_owned(),
        Some(l) => l.to_owned(),
    };
    let denominator = figures
        .denominator
        .as_ref()
        .map(|d| d.label())
        .unwrap_or_else(|| "no population table (import one)".to_owned());
    let missing = (!figures.months_missing.is_empty()).then(|| {
        let months = figures
            .months_missing
            .iter()
            .map(|m| m.long())
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning: "</span>
                    {format!("No file has been imported for {months}: the figures count only the months that have one.")}
                </strong>
            </div>
        }
    });
    view! {
        <h2 class="govuk-heading-m">{format!("{}, {}", figures.force_name, figures.period.label())}</h2>
        <p class="govuk-body">
            {format!(
                "{} searches of persons under {legislation}, by {}. Rates per 1,000 people use {denominator}.",
                thousands(figures.person_searches),
                figures.basis.label().to_lowercase(),
            )}
            {(figures.vehicle_only > 0).then(|| format!(" {} {} not counted in any rate.", super::searches(figures.vehicle_only, " of vehicles only"), if figures.vehicle_only == 1 { "is" } else { "are" }))}
        </p>
        {missing}
    }
}

/// A ratio and its interval, or why there is none.
pub fn ratio_text(ratio: &Option<Result<domain::evidence::Ratio, NotComputable>>) -> String {
    match ratio {
        None => "1 (the comparison)".to_owned(),
        Some(Ok(r)) => format!(
            "{} (95% CI {}–{})",
            decimal(r.ratio, 2),
            decimal(r.low, 2),
            decimal(r.high, 2)
        ),
        Some(Err(reason)) => format!("Not computable: {}", reason.reason()),
    }
}

fn rate_text(rate: &Result<f64, NotComputable>) -> String {
    match rate {
        Ok(r) => decimal(*r, 1),
        Err(reason) => format!("Not computable: {}", reason.reason()),
    }
}

fn range_text(range: &Option<Result<(f64, f64), NotComputable>>) -> String {
    match range {
        None => "–".to_owned(),
        Some(Ok((least, greatest))) => {
            format!("{} to {}", decimal(*least, 2), decimal(*greatest, 2))
        }
        Some(Err(reason)) => format!("Not computable: {}", reason.reason()),
    }
}

#[component]
pub(super) fn RatesTable(
    figures: Disproportionality,
    thresholds: Vec<Threshold>,
    /// The page's address, for those who may draft a question from a flagged figure.
    address: Option<String>,
) -> impl IntoView {
    let flagging = !thresholds.is_empty();
    let rows = figures
        .groups
        .iter()
        .map(|g: &GroupFigures| {
            // Too few searches to compare: greyed, never flagged, never a question's ground.
            let too_few = figures.too_few(g.group);
            let crossed: Vec<Threshold> = match &g.ratio {
                Some(Ok(r)) if !too_few => {
                    thresholds.iter().copied().filter(|t| t.crossed_by(r)).collect()
                }
                _ => Vec::new(),
            };
            let flag = flagging.then(|| {
                let draft = (!crossed.is_empty())
                    .then(|| address.clone())
                    .flatten()
                    .and_then(|address| {
                        let frozen = FrozenFigure::of(&figures, g.group)?;
                        let (text, context) = drafted(&frozen);
                        Some(format!(
                            "/questions/new?figure={}&group={}&text={}&context={}",
                            crate::routes::encode_query_value(&address),
                            g.group.as_str(),
                            crate::routes::encode_query_value(&text),
                            crate::routes::encode_query_value(&context)
                        ))
                    });
                let words = if crossed.is_empty() {
                    String::new()
                } else {
                    format!(
                        "Crosses {}",
                        crossed.iter().map(|t| t.label()).collect::<Vec<_>>().join(" and ")
                    )
                };
                let group = g.group.label();
                view! {
                    <td data-label="Flag" class="govuk-table__cell">
                        {(!words.is_empty()).then(|| view! { <strong class="govuk-tag govuk-tag--red">"Flagged"</strong>" " })}
                        {words}
                        {draft.map(|href| view! {
                            " "<a class="govuk-link" href=href>"Draft a question"<span class="govuk-visually-hidden">{format!(" about the {group} figure")}</span></a>
                        })}
                    </td>
                }
            });
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{g.group.label()}</th>
                    <td data-label="Searches" class="govuk-table__cell govuk-table__cell--numeric">{thousands(g.searches)}</td>
                    <td data-label="Population" class="govuk-table__cell govuk-table__cell--numeric">{thousands(g.population)}</td>
                    <td data-label="Rate per 1,000" class="govuk-table__cell govuk-table__cell--numeric">{rate_text(&g.rate)}</td>
                    {if too_few {
                        view! {
                            <td data-label="Ratio to White" class="govuk-table__cell app-secondary">
                                {ratio_text(&g.ratio)}<br/>{format!("Too few searches to compare (fewer than {} in this group or the White group)", figures.fewest_searches)}
                            </td>
                            <td data-label="If unstated were all White / all this group" class="govuk-table__cell app-secondary">{range_text(&g.unstated_range)}</td>
                        }.into_any()
                    } else {
                        view! {
                            <td data-label="Ratio to White" class="govuk-table__cell">{ratio_text(&g.ratio)}</td>
                            <td data-label="If unstated were all White / all this group" class="govuk-table__cell">{range_text(&g.unstated_range)}</td>
                        }.into_any()
                    }}
                    {flag}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="govuk-table" id="rates">
            <caption class="govuk-table__caption govuk-table__caption--m">"Searches and rates by ethnic group"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Group"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Searches"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Population"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Rate per 1,000"</th>
                    <th scope="col" class="govuk-table__header">"Ratio to the White rate"</th>
                    <th scope="col" class="govuk-table__header">"Ratio if unstated searches were all White / all this group"</th>
                    {flagging.then(|| view! { <th scope="col" class="govuk-table__header">"Flag"</th> })}
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

#[component]
pub(super) fn Unstated(figures: Disproportionality) -> impl IntoView {
    let share = percent(figures.unstated, figures.person_searches)
        .map(|p| format!("{}%", decimal(p, 1)))
        .unwrap_or_else(|| "none".to_owned());
    view! {
        <div class="govuk-inset-text">
            <p class="govuk-body">
                <strong>{format!("{} searches ({share}) had no ethnicity stated.", thousands(figures.unstated))}</strong>
                " They are in no group's rate. The last column shows the least each ratio could be, were they all of White people, and the most, were they all of that group."
            </p>
        </div>
    }
}

fn share(part: u64, whole: u64) -> String {
    match percent(part, whole) {
        Some(p) => format!("{} ({}%)", thousands(part), decimal(p, 1)),
        None => format!("{} (–)", thousands(part)),
    }
}

#[component]
pub(super) fn OutcomesTable(figures: Disproportionality) -> impl IntoView {
    let rows = figures
        .groups
        .iter()
        .map(|g| {
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{g.group.label()}</th>
                    <td data-label="Outcome recorded" class="govuk-table__cell govuk-table__cell--numeric">{thousands(g.outcome_recorded)}</td>
                    <td data-label="Arrest" class="govuk-table__cell govuk-table__cell--numeric">{share(g.arrests, g.outcome_recorded)}</td>
                    <td data-label="No further action" class="govuk-table__cell govuk-table__cell--numeric">{share(g.no_further_action, g.outcome_recorded)}</td>
                    <td data-label="Outcome linked to the object (find rate)" class="govuk-table__cell govuk-table__cell--numeric">{share(g.linked, g.linked_recorded)}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="govuk-table" id="outcomes">
            <caption class="govuk-table__caption govuk-table__caption--m">"Outcomes by ethnic group"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Group"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Outcome recorded"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Arrest"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"No further action"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Outcome linked to the object of the search (find rate)"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}

#[component]
fn Method() -> impl IntoView {
    let groups = BroadGroup::COMPARED
        .iter()
        .map(|g| g.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <details class="govuk-details">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How these figures are worked out"</span></summary>
            <div class="govuk-details__text">
                <p class="govuk-body">{format!("A group's rate is its searches of persons per 1,000 people of that group living in the force area. The ratio divides each group's rate ({groups}) by the White rate: 2 means twice as likely to be searched.")}</p>
                <p class="govuk-body">"The 95% confidence interval is computed by the Katz log method: ln(ratio) ± 1.96 × √(1/a − 1/n₁ + 1/b − 1/n₂), where a of n₁ people in the group and b of n₂ White people were searched. Each search counts as a person, as in the Home Office's figures, though one person may be searched more than once."</p>
                <p class="govuk-body">"Populations are those who live in the area; people searched there may live elsewhere, which matters most in city centres and at transport hubs. A ratio is not computable when a group has no population recorded, when no White person was searched, or when no one of the group was searched."</p>
                <p class="govuk-body">"A ratio from few searches swings widely by chance: with 4 searches in a group, one more or one fewer changes the ratio by a quarter, and its 95% interval spans many times its value. So a ratio from fewer searches than the office's setting (20 unless changed), in the group or the White group, is greyed as too few to compare, is never flagged and does not offer a question."</p>
                <p class="govuk-body">"Searches of vehicles only have no person and count in no rate. Arrest and no further action are shares of searches with an outcome recorded; the find rate is the share, of searches where it was recorded, whose outcome was linked to what was searched for."</p>
            </div>
        </details>
    }
}
