//! One search box over everything: actions (by reference and text), questions and the
//! minutes of meetings, each person seeing only what they may (`services::work::search`).

use domain::SearchHit;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::work::server::*;

/// The search form, as a GET form so that results have an address and work without
/// JavaScript.
#[component]
pub fn SearchBox(#[prop(optional, into)] value: String) -> impl IntoView {
    view! {
        <form method="get" action="/search" role="search" aria-label="Search Scrutineer" class="app-search">
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--s" for="search-q">"Search actions, questions and minutes"</label>
                <div id="search-q-hint" class="govuk-hint">"Words, or a reference such as SPCB/2026/014"</div>
                <div class="app-search__row">
                    <input class="govuk-input app-search__input" id="search-q" name="q" type="search" value=value aria-describedby="search-q-hint"/>
                    <button type="submit" class="govuk-button app-search__button">"Search"</button>
                </div>
            </div>
        </form>
    }
}

fn hits(title: &'static str, hits: Vec<SearchHit>) -> impl IntoView {
    (!hits.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">{format!("{title} ({})", hits.len())}</h2>
            <ul class="govuk-list app-search-hits">
                {hits.into_iter().map(|h| view! {
                    <li>
                        <a class="govuk-link" href=h.href>{h.title}</a>
                        <br/><span class="app-secondary">{h.detail}</span>
                    </li>
                }).collect::<Vec<_>>()}
            </ul>
        }
    })
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let results = Resource::new(
        move || query.with(|q| q.get("q").unwrap_or_default()),
        search,
    );
    view! {
        <Title text="Search"/>
        <h1 class="govuk-heading-l">"Search"</h1>
        {crate::components::loaded(results, move |r| {
            let searched = !r.q.is_empty();
            let none = r.actions.is_empty() && r.questions.is_empty() && r.meetings.is_empty();
            view! {
                <SearchBox value=r.q.clone()/>
                {(searched && none).then(|| view! {
                    <p class="govuk-body">{format!("Nothing matches \u{201c}{}\u{201d}. Try fewer words, or the start of a word.", r.q)}</p>
                })}
                {hits("Actions", r.actions)}
                {hits("Questions", r.questions)}
                {hits("Minutes", r.meetings)}
            }.into_any()
        })}
    }
}
