//! A record's timeline as staff read it: every step, who took it, and for a response or an
//! answer what the public reads of it, with the way to choose that for those who may.

use domain::TimelineEntry;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub(crate) fn StaffTimeline(entries: Vec<TimelineEntry>, may_choose: bool) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-m">"Timeline"</h2>
        <ol class="app-timeline">
            {entries.into_iter().map(|entry| view! {
                <li class="app-timeline__entry">
                    <h3 class="govuk-heading-s app-nomargin">{entry.what.clone()}</h3>
                    <p class="govuk-body-s app-secondary">
                        <time datetime=entry.at.utc.clone()>{entry.at.long.clone()}</time>{format!(" by {}", entry.who)}
                        {entry.due_on.clone().map(|d| format!(" · due {d}"))}
                    </p>
                    {entry.received.clone().map(|r| view! { <p class="govuk-body-s app-secondary">{r}</p> })}
                    {(!entry.body_html.is_empty()).then(|| view! { <div class="app-minutes" inner_html=entry.body_html.clone()></div> })}
                    {entry.public.clone().map(|state| view! {
                        <p class="govuk-body-s">
                            <strong>"Public: "</strong>{state}
                            {may_choose.then(|| view! {
                                " · "<A href=format!("/words/{}", entry.id) attr:class="govuk-link">"Choose what the public reads"<span class="govuk-visually-hidden">{format!(" of the {} of {}", entry.what.to_lowercase(), entry.at.long)}</span></A>
                            })}
                        </p>
                    })}
                </li>
            }).collect::<Vec<_>>()}
        </ol>
    }
}
