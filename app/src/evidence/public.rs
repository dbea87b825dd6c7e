//! The published stop and search figures: the latest 12 months for each force whose
//! figures the Commissioner has published, with the same tables and chart as the evidence
//! page and the caveats a reader needs.

use domain::evidence::PublicEvidence;
use leptos::prelude::*;
use leptos_meta::Title;

use super::dashboard::{OutcomesTable, RatesTable, Summary, Unstated};
use super::server::public_evidence;
use super::TrendChart;

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
        <Summary figures=figures.clone()/>
        <RatesTable figures=figures.clone() thresholds=Vec::new() address=None/>
        <Unstated figures=figures.clone()/>
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
        <p class="govuk-body-s">{format!("Published on {}.", e.published_at.get(..10).unwrap_or_default())}</p>
    }
    .into_any()
}
