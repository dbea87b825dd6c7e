//! The published stop and search figures: the latest 12 months for each force whose
//! figures the Commissioner has published, with the same tables and chart as the evidence
//! page and the caveats a reader needs.

use domain::evidence::PublicEvidence;
use leptos::prelude::*;
use leptos_meta::Title;

use super::dashboard::{OutcomesTable, RatesTable, Summary, Unstated};
use super::TrendChart;
use crate::evidence::server::public_evidence;

#[component]
pub fn PublicEvidencePage() -> impl IntoView {
    let force = leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("force").unwrap_or_default());
    let evidence = Resource::new(move || force.clone(), public_evidence);
    view! {
        <Title text="Stop and search figures"/>
        <crate::components::PublishedNav/>
        <h1 class="govuk-heading-l">"Stop and search: who is searched"</h1>
        {crate::components::loaded(evidence, |e| view! { <Published e/> }.into_any())}
    }
}

#[component]
fn Published(e: PublicEvidence) -> impl IntoView {
    let Some(figures) = e.figures.clone() else {
        return view! { <p class="govuk-body">"No stop and search figures have been published yet."</p> }.into_any();
    };
    let others = (e.forces.len() > 1).then(|| {
        view! {
            <p class="govuk-body">"Figures are also published for: "
                {e.forces.iter().filter(|(slug, _)| *slug != figures.force_slug).map(|(slug, name)| view! {
                    <a class="govuk-link" href=format!("/public/evidence?force={slug}")>{name.clone()}</a>" "
                }).collect::<Vec<_>>()}
            </p>
        }
    });
    let title = format!(
        "Ratio to the White search rate by month, {}",
        figures.force_name
    );
    view! {
        <p class="govuk-body">"How often people of each ethnic group were stopped and searched by the police, compared with White people, from the force's own records published on data.police.uk. The Commissioner publishes these figures to hold the force to account for its use of stop and search."</p>
        {others}
        {figures.headline().map(|h| view! { <p class="govuk-body-l" id="headline">{h}</p> })}
        <Summary figures=figures.clone()/>
        <Plainly figures=figures.clone()/>
        <details class="govuk-details" id="how-sure">
            <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"How sure are these figures?"</span></summary>
            <div class="govuk-details__text">
                <p class="govuk-body">"Each ratio comes with a range (the 95% confidence interval): the true figure is very likely within it. Small numbers of searches give wide ranges. Searches where no ethnicity was stated are in no group's rate; the last column shows how far each ratio could move if they all belonged to one group or another."</p>
                <RatesTable figures=figures.clone() thresholds=Vec::new() address=None/>
                <Unstated figures=figures.clone()/>
            </div>
        </details>
        <OutcomesTable figures=figures.clone()/>
        <h2 class="govuk-heading-m">"Trend"</h2>
        <TrendChart points=e.trend.clone() id="public-trend" title/>
        <h2 class="govuk-heading-m">"Reading these figures"</h2>
        <ul class="govuk-list govuk-list--bullet">
            <li>"A ratio of 2 means people of that group were searched at twice the rate of White people, per head of the population living in the area. The range beside it (the 95% confidence interval) shows how sure the figure is: small numbers give wide ranges."</li>
            <li>"Rates use the population who live in the area (the Census). People searched there may live elsewhere, so rates can mislead where many visitors come, such as city centres."</li>
            <li>"Some people do not state their ethnicity. Those searches are in no group's rate; the table shows how far the ratio could move if they all belonged to one group or another."</li>
            <li>"Each search is counted, not each person: someone searched twice counts twice."</li>
        </ul>
        <p class="govuk-body-s">{format!("Published on {}.", e.published_on)}</p>
    }
    .into_any()
}

/// The rates as a resident reads them: searches, the rate per 1,000 people, and how likely
/// each group was to be searched compared with White people, in words.
#[component]
fn Plainly(figures: domain::evidence::Disproportionality) -> impl IntoView {
    use super::thousands;
    let rows = figures
        .groups
        .iter()
        .map(|g| {
            let compared = match (&g.ratio, figures.too_few(g.group)) {
                (None, _) => "The comparison".to_owned(),
                (Some(_), true) => "Too few searches to compare".to_owned(),
                (Some(Ok(r)), false) => {
                    let said = domain::evidence::likelihood(r.ratio);
                    let said = said
                        .trim_end_matches(" to be searched as")
                        .trim_end_matches(" to be searched than");
                    let mut chars = said.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect())
                        .unwrap_or_default()
                }
                (Some(Err(_)), false) => "Cannot be worked out".to_owned(),
            };
            let rate = match &g.rate {
                Ok(r) => super::decimal(*r, 1),
                Err(_) => "–".to_owned(),
            };
            view! {
                <tr class="govuk-table__row">
                    <th scope="row" class="govuk-table__header">{g.group.label()}</th>
                    <td data-label="Searches" class="govuk-table__cell govuk-table__cell--numeric">{thousands(g.searches)}</td>
                    <td data-label="Searches per 1,000 people" class="govuk-table__cell govuk-table__cell--numeric">{rate}</td>
                    <td data-label="Compared with White people" class="govuk-table__cell">{compared}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="govuk-table" id="plainly">
            <caption class="govuk-table__caption govuk-table__caption--m">"Who is searched"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Group"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Searches"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Searches per 1,000 people"</th>
                    <th scope="col" class="govuk-table__header">"Compared with White people"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">{rows}</tbody>
        </table>
    }
}
