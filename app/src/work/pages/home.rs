use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::accounts::Me;
use crate::register::server::get_deadlines;
use crate::register::{DeadlinesPanel, DeadlinesResource};
use crate::routes;
use crate::work::server::*;
use domain::Queue;

/// What waits for the person: a count per queue (each a link to the whole list), then the
/// first few of each.
#[component]
fn Queues(queues: Vec<Queue>) -> impl IntoView {
    if queues.is_empty() {
        return ().into_any();
    }
    let counts = queues
        .iter()
        .map(|q| {
            view! {
                <li class="app-counts__item">
                    <a class="govuk-link app-counts__link" href=q.href.clone()>
                        <span class="app-counts__number">{q.count}</span>" "{q.title.clone()}
                    </a>
                </li>
            }
        })
        .collect::<Vec<_>>();
    let lists = queues
        .into_iter()
        .filter(|q| q.count > 0)
        .map(|q| {
            let more = (q.count > q.items.len() as i64).then(|| {
                view! {
                    <p class="govuk-body"><a class="govuk-link" href=q.href.clone()>{format!("All {} ({})", q.title.to_lowercase(), q.count)}</a></p>
                }
            });
            view! {
                <section class="app-queue" aria-label=q.title.clone()>
                    <h3 class="govuk-heading-s">{q.title.clone()}</h3>
                    <ul class="govuk-list">
                        {q.items.into_iter().map(|item| view! {
                            <li>
                                <a class="govuk-link" href=item.href>{item.label}</a>
                                <br/><span class="app-secondary">{item.detail}</span>
                            </li>
                        }).collect::<Vec<_>>()}
                    </ul>
                    {more}
                </section>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2 class="govuk-heading-m">"Waiting for you"</h2>
        <ul class="app-counts" aria-label="Waiting for you">{counts}</ul>
        {lists}
    }
    .into_any()
}

#[component]
pub fn HomePage() -> impl IntoView {
    let deadlines: DeadlinesResource = Resource::new(|| (), |_| get_deadlines());
    let queues = Resource::new(|| (), |_| get_queues());
    view! {
        <Title text="Home"/>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match crate::accounts::signed_in().ok().flatten() {
                    Some(me) => {
                        let queues = queues.await.unwrap_or_default();
                        view! { <StaffHome me deadlines queues/> }.into_any()
                    }
                    None => view! { <PublicHome/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PublicHome() -> impl IntoView {
    view! {
        <h1 class="govuk-heading-xl">"Scrutineer"</h1>
        <p class="govuk-body-l">
            "How the Police and Crime Commissioner holds the Chief Constable to account for the force's equality duties: "
            "stop and search, complaints, workforce diversity."
        </p>
        <p class="govuk-body">
            "The Commissioner's office records here the questions put to the force, the actions that arise at board meetings, "
            "the force's responses and the evidence behind them."
        </p>
        <super::SearchBox/>
        <h2 class="govuk-heading-m">"Staff of the OPCC and the force"</h2>
        <p class="govuk-body">
            <A href=routes::SIGN_IN.path attr:class="govuk-button govuk-button--start" attr:role="button">"Sign in"</A>
        </p>
    }
}

fn role_summary(me: &Me) -> &'static str {
    use domain::Role::*;
    match me.role {
        Admin => "You manage user accounts and can read the audit trail of every change.",
        Secretariat => "You schedule board meetings, take the minutes and record the actions that arise.",
        Commissioner => "You put questions to the Chief Constable and judge the force's responses.",
        ForceLiaison => "You respond, for the force, to the actions and questions the Commissioner's office assigns to it.",
    }
}

#[component]
fn StaffHome(me: Me, deadlines: DeadlinesResource, queues: Vec<Queue>) -> impl IntoView {
    let links = routes::navigation(Some(me.role))
        .filter(|p| p.path != routes::HOME.path)
        .map(|p| view! { <li><A href=p.path attr:class="govuk-link">{p.title}</A></li> })
        .collect::<Vec<_>>();
    let has_links = !links.is_empty();
    view! {
        <span class="govuk-caption-l">{me.role.label()}</span>
        <h1 class="govuk-heading-xl">{format!("Welcome, {}", me.display_name)}</h1>
        <p class="govuk-body-l">{role_summary(&me)}</p>
        <super::SearchBox/>
        <Queues queues/>
        <DeadlinesPanel panel=deadlines/>
        {has_links.then(|| view! {
            <h2 class="govuk-heading-m">"Your work"</h2>
            <ul class="govuk-list">
                {links}
                <li><A href=routes::CALENDAR_FEED.path attr:class="govuk-link">{routes::CALENDAR_FEED.title}</A></li>
                <li><A href=routes::NOTIFICATIONS.path attr:class="govuk-link">{routes::NOTIFICATIONS.title}</A></li>
                <li><A href=routes::SESSIONS.path attr:class="govuk-link">{routes::SESSIONS.title}</A></li>
                <li><A href=routes::PASSWORD.path attr:class="govuk-link">{routes::PASSWORD.title}</A></li>
                <li><A href=routes::TWO_FACTOR.path attr:class="govuk-link">{routes::TWO_FACTOR.title}</A></li>
            </ul>
        })}
    }
}
