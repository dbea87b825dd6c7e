//! The annual equality report: one printable page for a financial year (and its CSV), and
//! once the Commissioner publishes it, the same on the public pages.

use domain::equality::{AnnualReport, Assurance, ScrutinyItem};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::framework::rating_tag;
use crate::components::{ErrorSummary, FormError, SuccessBanner};
use crate::equality::server::{equality_report, public_report, published_reports, PublishReport};

#[component]
pub fn ReportPage() -> impl IntoView {
    let query = use_query_map();
    let report = Resource::new(
        move || query.with(|q| q.get("year").unwrap_or_default()),
        equality_report,
    );
    let publish = ServerAction::<PublishReport>::new();
    let error: FormError = crate::components::form_error(publish);
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("published", "The report is on the public pages"),
            ("unpublished", "The report is no longer on the public pages"),
        ],
    );
    view! {
        <Title text="Annual equality report"/>
        <a href="/equality" class="govuk-back-link app-no-print">"Back to the equality objectives"</a>
        <SuccessBanner message=saved/>
        <ErrorSummary error/>
        {crate::components::loaded(report, move |r| {
            let year = r.year;
            view! {
                <form method="get" action="/equality/report" class="app-filter app-no-print">
                    <div class="govuk-form-group">
                        <label class="govuk-label" for="year">"Financial year starting in"</label>
                        <input class="govuk-input govuk-input--width-4" id="year" name="year" type="text" inputmode="numeric" value=year.to_string()/>
                    </div>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
                </form>
                <Report r=r.clone() public=false/>
                <p class="govuk-body app-no-print">
                    <a class="govuk-link" href=format!("/equality/report.csv?year={year}") download=format!("equality-report-{year}.csv")>"Download this report (CSV)"</a>
                </p>
                {r.may_publish.then(|| {
                    let next = r.versions.last().map_or(1, |v| v.number + 1);
                    view! {
                        <h2 class="govuk-heading-m app-no-print">{if next == 1 { "Publish".to_owned() } else { format!("Publish version {next}") }}</h2>
                        <p class="govuk-body app-no-print">"Publishing freezes the report as it reads now, for the public: what changes after is not shown until a new version is published. Every version stays readable at its own address."</p>
                        <ActionForm action=publish attr:class="app-no-print" attr:novalidate=true>
                            <input type="hidden" name="year" value=year.to_string()/>
                            <input type="hidden" name="publish" value="yes"/>
                            {(next > 1).then(|| view! {
                                <crate::components::TextField label="What changed since the last version" name="change" error
                                    hint="Readers see this line above the report, for example “Adds the Commissioner’s assessment of the answer on use of force”"/>
                            })}
                            <button type="submit" class="govuk-button govuk-button--secondary">
                                {if next == 1 { "Publish on the public pages".to_owned() } else { format!("Publish version {next}") }}
                            </button>
                        </ActionForm>
                        {r.published.then(|| view! {
                            <ActionForm action=publish attr:class="app-no-print">
                                <input type="hidden" name="year" value=year.to_string()/>
                                <input type="hidden" name="publish" value="no"/>
                                <button type="submit" class="govuk-button govuk-button--warning">"Remove from the public pages"</button>
                            </ActionForm>
                        })}
                    }
                })}
            }.into_any()
        })}
    }
}

#[component]
pub fn PublicReportsPage() -> impl IntoView {
    let years = Resource::new(|| (), |_| published_reports());
    view! {
        <Title text="Equality reports"/>
        <crate::components::PublishedNav/>
        <h1 class="govuk-heading-l">"Equality reports"</h1>
        <p class="govuk-body">"Each year the Commissioner publishes equality information: the equality objectives and their progress, what the Chief Constable was asked about each protected characteristic and how assured the Commissioner was by the answers, and the stop and search figures."</p>
        {crate::components::loaded(years, |years| {
            if years.is_empty() {
                view! { <p class="govuk-body">"No report has been published yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="govuk-list">
                        {years.into_iter().map(|(y, label)| view! {
                            <li><a class="govuk-link" href=format!("/public/equality/{y}")>{format!("Equality report {label}")}</a></li>
                        }).collect::<Vec<_>>()}
                    </ul>
                }.into_any()
            }
        })}
    }
}

#[component]
pub fn PublicReportPage() -> impl IntoView {
    let params = use_params_map();
    let report = Resource::new(
        move || {
            params.with(|p| {
                (
                    p.get("id").unwrap_or_default(),
                    p.get("version").unwrap_or_default(),
                )
            })
        },
        |(year, version)| public_report(year, version),
    );
    view! {
        <Title text="Equality report"/>
        <a href="/public/equality" class="govuk-back-link app-no-print">"All equality reports"</a>
        {crate::components::loaded(report, |r| view! { <Report r public=true/> }.into_any())}
    }
}

fn assurance_text(level: Option<Assurance>) -> &'static str {
    level.map(|a| a.label()).unwrap_or("Not recorded")
}

/// Questions and actions with their status and assurance.
#[component]
pub fn ItemTable(caption: String, items: Vec<ScrutinyItem>, public: bool) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Question or action"</th>
                    <th scope="col" class="govuk-table__header">"Date"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                    <th scope="col" class="govuk-table__header">"Assurance"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {items.into_iter().map(|i| {
                    let href = match (public, i.kind.as_str()) {
                        (true, "question") => format!("/public/questions/{}", i.id),
                        (true, _) => format!("/public/actions/{}", i.id),
                        (false, "question") => format!("/questions/{}", i.id),
                        (false, _) => format!("/actions/{}", i.id),
                    };
                    let label = if i.kind == "question" { i.text.clone() } else { format!("{}: {}", i.reference, i.text) };
                    view! {
                        <tr class="govuk-table__row">
                            <td data-label="Question or action" class="govuk-table__cell"><a class="govuk-link" href=href>{label}</a></td>
                            <td data-label="Date" class="govuk-table__cell">{i.date.clone()}</td>
                            <td data-label="Status" class="govuk-table__cell">{i.status.clone()}</td>
                            <td data-label="Assurance" class="govuk-table__cell">
                                <strong>{assurance_text(i.assurance)}</strong>
                                {(!i.assurance_reason.is_empty()).then(|| view! { <br/>{i.assurance_reason.clone()} })}
                            </td>
                        </tr>
                    }
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

#[component]
fn Report(r: AnnualReport, public: bool) -> impl IntoView {
    view! {
        <span class="govuk-caption-l">"Equality information"</span>
        <h1 class="govuk-heading-l">{format!("Annual equality report {}", r.year_label)}</h1>
        <p class="govuk-body">
            {format!("1 April {} to 31 March {}. ", r.year, r.year + 1)}
            {match (&r.published_at, r.version) {
                (Some(at), Some(version)) => format!("Version {version}, published {at}."),
                (Some(at), None) => format!("Published {at}."),
                (None, _) => "Not published.".to_owned(),
            }}
        </p>
        <crate::components::PublishedVersions versions=r.versions.clone() shown=r.version
            latest_href=format!("/public/equality/{}", r.year) version_path="versions"/>
        <h2 class="govuk-heading-m">"Equality objectives and their progress"</h2>
        {if r.plans.is_empty() {
            view! { <p class="govuk-body">"No plan of equality objectives covers this year."</p> }.into_any()
        } else {
            r.plans.clone().into_iter().map(|p| view! {
                <h3 class="govuk-heading-s">{p.title.clone()}</h3>
                <table class="govuk-table">
                    <caption class="govuk-visually-hidden">{format!("Objectives of {}", p.title)}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Group"</th>
                            <th scope="col" class="govuk-table__header">"Objective"</th>
                            <th scope="col" class="govuk-table__header">"Progress in the year"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {p.groups.into_iter().flat_map(|g| g.objectives.into_iter().map(move |o| (g.group, o))).map(|(group, o)| view! {
                            <tr class="govuk-table__row">
                                <td data-label="Group" class="govuk-table__cell">{group.label()}</td>
                                <td data-label="Objective" class="govuk-table__cell">{o.text.clone()}</td>
                                <td data-label="Progress in the year" class="govuk-table__cell">
                                    {rating_tag(o.rating())}
                                    {o.updates.first().map(|u| view! { <div class="app-minutes govuk-!-margin-top-1" inner_html=u.body_html.clone()></div> })}
                                </td>
                            </tr>
                        }).collect::<Vec<_>>()}
                    </tbody>
                </table>
            }).collect::<Vec<_>>().into_any()
        }}
        <h2 class="govuk-heading-m">"What the Chief Constable was asked, by protected characteristic"</h2>
        <p class="govuk-body">{format!("{} questions and {} actions of the year concerned equality.", r.questions, r.actions)}
            {public.then_some(" Only those published are listed; every one is counted.")}
        </p>
        {r.characteristics.clone().into_iter().map(|c| view! {
            <h3 class="govuk-heading-s">{c.label.clone()}</h3>
            <p class="govuk-body">{format!(
                "Assured {}, partly assured {}, not assured {}, not recorded {}.",
                c.assured, c.partly_assured, c.not_assured, c.not_recorded
            )}</p>
            {(!c.items.is_empty()).then(|| view! { <ItemTable caption=format!("Questions and actions: {}", c.label) items=c.items.clone() public/> })}
        }).collect::<Vec<_>>()}
        <h2 class="govuk-heading-m">"Contracts and grants monitored"</h2>
        <p class="govuk-body">"Providers and grant recipients are bound to the equality duty. These had an equality monitoring return due in the year."</p>
        <super::contracts::ContractTable list=r.contracts.clone() public=true/>
        <h2 class="govuk-heading-m">"Stop and search"</h2>
        {if r.stop_search.is_empty() {
            view! { <p class="govuk-body">"No published stop and search figures for this year."</p> }.into_any()
        } else {
            r.stop_search.clone().into_iter().map(|f| view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--s">{format!("{}, {}: {} searches of people", f.force, f.period, f.searches)}</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Ethnic group"</th>
                            <th scope="col" class="govuk-table__header">"Searches per 1,000 people"</th>
                            <th scope="col" class="govuk-table__header">"Ratio to the White rate (95% interval)"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {f.rows.iter().map(|(group, rate, ratio)| view! {
                            <tr class="govuk-table__row">
                                <th scope="row" class="govuk-table__header">{group.clone()}</th>
                                <td data-label="Searches per 1,000 people" class="govuk-table__cell">{rate.clone()}</td>
                                <td data-label="Ratio to the White rate" class="govuk-table__cell">{ratio.clone()}</td>
                            </tr>
                        }).collect::<Vec<_>>()}
                    </tbody>
                </table>
                <p class="govuk-body-s">{format!("Population: {}. Self-defined ethnicity; searches whose ethnicity was not stated are in no group's rate.", f.population)}</p>
            }).collect::<Vec<_>>().into_any()
        }}
    }
}
