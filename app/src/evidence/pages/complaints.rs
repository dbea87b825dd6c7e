//! Police complaints figures: a force's measures by quarter beside its most-similar-forces
//! group and the nation, each as a chart drawn on the server with its data table; the
//! upload of a complaints CSV (a plain form, so it works without JavaScript) and what
//! became of it; thresholds that flag a force well above the nation and offer to draft a
//! question.

use domain::evidence::{ComplaintImport, ComplaintSeries, ComplaintsView};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::chart::{marker, step};
use crate::components::{ChooseField, ErrorSummary, FormError, SuccessBanner, TextField};
use crate::evidence::server::{
    complaint_import, complaints_page, AddComplaintThreshold, RemoveComplaintThreshold,
};
use crate::meetings::page_id;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 110.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn show(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(
        move || query.with(|q| q.get("force").unwrap_or_default()),
        complaints_page,
    );
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("threshold", "The threshold was added"),
            ("removed", "The threshold was removed"),
        ],
    );
    view! {
        <Title text="Police complaints figures"/>
        <a href="/evidence" class="govuk-back-link">"Back to the evidence"</a>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"Police complaints figures"</h1>
        <p class="govuk-body">"The measures of the IOPC's police complaints information bulletins, by quarter, with the force's most similar forces and the national figure beside them."</p>
        {crate::components::loaded(page, |v| view! { <Complaints v/> }.into_any())}
    }
}

#[component]
fn Complaints(v: ComplaintsView) -> impl IntoView {
    let add = ServerAction::<AddComplaintThreshold>::new();
    let remove = ServerAction::<RemoveComplaintThreshold>::new();
    let add_error: FormError = crate::components::form_error(add);
    let remove_error: FormError = crate::components::form_error(remove);
    let measures: Vec<(String, String)> = domain::evidence::ComplaintMeasure::all()
        .into_iter()
        .map(|m| (m.key(), m.label()))
        .collect();
    let force_name = v.force.clone().map(|(_, name)| name).unwrap_or_default();
    let chosen = v.force.clone().map(|(slug, _)| slug).unwrap_or_default();
    view! {
        {(v.forces.len() > 1).then(|| view! {
            <form method="get" action="/evidence/complaints" class="app-filter">
                <div class="govuk-form-group">
                    <label class="govuk-label" for="force">"Force"</label>
                    <select class="govuk-select" id="force" name="force">
                        {v.forces.iter().map(|(slug, name)| view! {
                            <option value=slug.clone() selected=*slug == chosen>{name.clone()}</option>
                        }).collect::<Vec<_>>()}
                    </select>
                </div>
                <button type="submit" class="govuk-button govuk-button--secondary">"Show"</button>
            </form>
        })}
        {if v.series.is_empty() {
            view! { <p class="govuk-body">"No complaints figures have been imported yet."</p> }.into_any()
        } else {
            view! {
                <h2 class="govuk-heading-m">{force_name.clone()}</h2>
                {v.series.iter().cloned().enumerate().map(|(i, s)| view! { <Series s force=force_name.clone() index=i/> }).collect::<Vec<_>>()}
            }.into_any()
        }}
        <h2 class="govuk-heading-m">"Thresholds"</h2>
        <ErrorSummary error=add_error/>
        <ErrorSummary error=remove_error/>
        {if v.thresholds.is_empty() {
            view! { <p class="govuk-body">"No thresholds are set."</p> }.into_any()
        } else {
            view! {
                <ul class="govuk-list">
                    {v.thresholds.clone().into_iter().map(|(id, label)| view! {
                        <li>
                            {label.clone()}
                            {v.may_set_thresholds.then(|| view! {
                                " "
                                <ActionForm action=remove attr:class="app-inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <button type="submit" class="app-link-button">"Remove"<span class="govuk-visually-hidden">{format!(" the threshold {label}")}</span></button>
                                </ActionForm>
                            })}
                        </li>
                    }).collect::<Vec<_>>()}
                </ul>
            }.into_any()
        }}
        {v.may_set_thresholds.then(|| view! {
            <ActionForm action=add attr:novalidate=true>
                <ChooseField label="Measure" name="threshold_measure" error=add_error options=measures.clone() empty="Any measure"/>
                <TextField label="Flag when above the national figure by at least (%)" name="percent" error=add_error width_class="govuk-input--width-4"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Add threshold"</button>
            </ActionForm>
        })}
        {v.may_import.then(|| view! { <Upload imports=v.imports.clone()/> })}
    }
}

#[component]
fn Series(s: ComplaintSeries, force: String, index: usize) -> impl IntoView {
    let label = s.measure.label();
    let id = format!("complaints-{index}");
    let draft = s.flagged.clone().map(|reason| {
        let latest = s.points.last().map(|p| p.quarter.label()).unwrap_or_default();
        let text = format!(
            "Why was the force's figure for “{}” in {latest} so far above the national figure, and what is being done about it?",
            label.to_lowercase()
        );
        let context = format!("{reason}. Source: the police complaints figures imported into Scrutineer ({force}).");
        format!(
            "/questions/new?text={}&context={}",
            crate::routes::encode_query_value(&text),
            crate::routes::encode_query_value(&context)
        )
    });
    view! {
        <h3 class="govuk-heading-s">{label.clone()}</h3>
        {s.flagged.clone().map(|reason| view! {
            <div class="govuk-warning-text">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">"Warning"</span>{reason}</strong>
            </div>
            <p class="govuk-body"><a class="govuk-link" href=draft.clone().unwrap_or_default()>"Draft a question"<span class="govuk-visually-hidden">{format!(" about {}", label.to_lowercase())}</span></a></p>
        })}
        <ComplaintChart s=s.clone() id title=format!("{label}, {force}")/>
    }
}

/// How each line is drawn: (name, class, dash, marker).
const LINES: [(&str, &str, &str, &str); 3] = [
    ("Force", "black", "", "circle"),
    ("Similar forces", "asian", "8 4", "square"),
    ("National", "mixed", "2 3", "triangle"),
];

#[component]
fn ComplaintChart(s: ComplaintSeries, id: String, title: String) -> impl IntoView {
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    let labelled_by = format!("{title_id} {desc_id}");
    let n = s.points.len().max(1);
    let value_of = |p: &domain::evidence::ComplaintPoint, line: usize| match line {
        0 => Some(p.force),
        1 => p.msf,
        _ => p.national,
    };
    let max = s
        .points
        .iter()
        .flat_map(|p| (0..3).filter_map(move |l| value_of(p, l)))
        .fold(1.0f64, f64::max);
    let step = step(max);
    let top = (max / step).ceil() * step;
    let x = |i: usize| {
        LEFT + if n == 1 {
            (WIDTH - LEFT - RIGHT) / 2.0
        } else {
            i as f64 * (WIDTH - LEFT - RIGHT) / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + (1.0 - v / top) * (HEIGHT - TOP - BOTTOM);
    let mut ticks = Vec::new();
    let mut t = 0.0;
    while t <= top + step / 2.0 {
        ticks.push(t);
        t += step;
    }
    let first = s
        .points
        .first()
        .map(|p| p.quarter.label())
        .unwrap_or_default();
    let last = s
        .points
        .last()
        .map(|p| p.quarter.label())
        .unwrap_or_default();
    let description = format!("Line chart of {} by quarter from {first} to {last}: the force, its most similar forces and the national figure. The table below gives the same figures.", s.measure.label().to_lowercase());
    let lines = LINES
        .iter()
        .enumerate()
        .map(|(l, (name, class, dash, shape))| {
            let (mut path, mut markers, mut down, mut end) = (String::new(), String::new(), false, None);
            for (i, p) in s.points.iter().enumerate() {
                match value_of(p, l) {
                    Some(v) => {
                        let (px, py) = (x(i), y(v));
                        path.push_str(&format!("{}{px:.1} {py:.1}", if down { "L" } else { "M" }));
                        markers.push_str(&marker(shape, px, py));
                        down = true;
                        end = Some((px, py));
                    }
                    None => down = false,
                }
            }
            let label = end.map(|(px, py)| view! {
                <text x=format!("{:.1}", px + 8.0) y=format!("{:.1}", py + 4.0 + 12.0 * l as f64 - 12.0) class="app-chart__label">{*name}</text>
            });
            view! {
                <g class=format!("app-chart__series app-chart__series--{class}")>
                    <path d=path class="app-chart__line" stroke-dasharray=*dash fill="none"/>
                    <path d=markers class="app-chart__marker"/>
                    {label}
                </g>
            }
        })
        .collect::<Vec<_>>();
    let axis = ticks.iter().map(|&t| view! {
        <g class="app-chart__tick">
            <line x1=LEFT x2=WIDTH - RIGHT y1=y(t) y2=y(t) class=if t == 0.0 { "app-chart__axis" } else { "app-chart__grid" }/>
            <text x=LEFT - 6.0 y=y(t) + 4.0 text-anchor="end">{show(t)}</text>
        </g>
    }).collect::<Vec<_>>();
    let every = (n / 6).max(1);
    let quarter_labels = s.points.iter().enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, p)| view! { <text x=x(i) y=HEIGHT - BOTTOM + 18.0 text-anchor="middle">{p.quarter.label()}</text> })
        .collect::<Vec<_>>();
    let cell = |v: Option<f64>| v.map(show).unwrap_or_else(|| "Not given".to_owned());
    view! {
        <figure class="app-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") class="app-chart__svg" role="img" aria-labelledby=labelled_by>
                <title id=title_id>{title.clone()}</title>
                <desc id=desc_id>{description}</desc>
                {axis}
                {quarter_labels}
                {lines}
            </svg>
            <figcaption class="govuk-body-s">"The force is the solid line with circles; its most similar forces the dashed line with squares; the national figure the dotted line with triangles. Each is labelled at its end."</figcaption>
        </figure>
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">{format!("{title}: the figures")}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Quarter"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Force"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Similar forces"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"National"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {s.points.iter().map(|p| view! {
                    <tr class="govuk-table__row">
                        <th scope="row" class="govuk-table__header">{p.quarter.label()}</th>
                        <td data-label="Force" class="govuk-table__cell govuk-table__cell--numeric">{show(p.force)}</td>
                        <td data-label="Similar forces" class="govuk-table__cell govuk-table__cell--numeric">{cell(p.msf)}</td>
                        <td data-label="National" class="govuk-table__cell govuk-table__cell--numeric">{cell(p.national)}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

#[component]
fn Upload(imports: Vec<ComplaintImport>) -> impl IntoView {
    let query = use_query_map();
    let problem = move || query.with(|q| q.get("problem"));
    view! {
        <h2 class="govuk-heading-m" id="import">"Import complaints figures"</h2>
        {move || problem().map(|p| view! {
            <div class="govuk-error-summary" data-module="govuk-error-summary">
                <div role="alert">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            <li><a href="#complaints-file">{if p == "missing" { "Choose a CSV file" } else { "The file could not be read: it may be larger than 20 MB" }}</a></li>
                        </ul>
                    </div>
                </div>
            </div>
        })}
        <p class="govuk-body">
            "A CSV with the columns "<code>"force"</code>", "<code>"quarter"</code>" (such as 2025/26 Q1), "<code>"measure"</code>", "
            <code>"value"</code>", "<code>"msf_value"</code>" and "<code>"national_value"</code>" (blank where not given). The evidence guide (docs/EVIDENCE.md in the source) lists the measures. "
            <a class="govuk-link" href="/evidence/complaints-template.csv" download="complaints-template.csv">"Download a template (CSV)"</a>
        </p>
        <form method="post" action="/evidence/complaints/upload" enctype="multipart/form-data">
            <div class="govuk-form-group">
                <label class="govuk-label" for="complaints-file">"Complaints file"</label>
                <div id="complaints-file-hint" class="govuk-hint">"A file with any row that cannot be read is not imported: every problem is listed with its line."</div>
                <input class="govuk-file-upload" id="complaints-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="complaints-file-hint"/>
            </div>
            <button type="submit" class="govuk-button">"Import file"</button>
        </form>
        {(!imports.is_empty()).then(|| view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">"Latest imports"</caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"File"</th>
                        <th scope="col" class="govuk-table__header">"Outcome"</th>
                        <th scope="col" class="govuk-table__header">"By"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">
                    {imports.into_iter().map(|i| view! {
                        <tr class="govuk-table__row">
                            <td data-label="File" class="govuk-table__cell"><a class="govuk-link" href=format!("/evidence/complaints/imports/{}", i.id)>{i.file_name.clone()}</a></td>
                            <td data-label="Outcome" class="govuk-table__cell">{match (i.imported, i.problems.len()) {
                                (true, _) => format!("Imported: {} rows", i.rows),
                                (false, 1) => "Refused: 1 problem".to_owned(),
                                (false, n) => format!("Refused: {n} problems"),
                            }}</td>
                            <td data-label="By" class="govuk-table__cell">{format!("{}, {}", i.by, i.at.long)}</td>
                        </tr>
                    }).collect::<Vec<_>>()}
                </tbody>
            </table>
        })}
    }
}

#[component]
pub fn ComplaintImportPage() -> impl IntoView {
    let id = page_id();
    let record = Resource::new(id, complaint_import);
    view! {
        <Title text="Complaints import"/>
        <a href="/evidence/complaints" class="govuk-back-link">"Back to the complaints figures"</a>
        {crate::components::loaded(record, |i| view! {
            <h1 class="govuk-heading-l">{if i.imported { "Complaints figures imported" } else { "Complaints file not imported" }}</h1>
            <dl class="govuk-summary-list">
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"File"</dt><dd class="govuk-summary-list__value">{i.file_name.clone()}</dd></div>
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"Rows imported"</dt><dd class="govuk-summary-list__value">{i.rows}</dd></div>
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"By"</dt><dd class="govuk-summary-list__value">{format!("{}, {}", i.by, i.at.long)}</dd></div>
                <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">"SHA-256"</dt><dd class="govuk-summary-list__value app-break">{i.checksum.clone()}</dd></div>
            </dl>
            {(!i.imported).then(|| view! {
                <p class="govuk-body">"Nothing from this file was saved. Correct these rows and import the file again:"</p>
                {super::imports::problems_table("Problems", &i.problems)}
            })}
            {i.imported.then(|| view! { <p class="govuk-body"><a class="govuk-link" href="/evidence/complaints">"See the figures"</a></p> })}
        }.into_any())}
    }
}
