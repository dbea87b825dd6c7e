//! The published pages' own navigation, shown on each of them.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::routes;

/// The published pages, linked to each other: staff reach them all from one entry in the
/// navigation.
#[component]
pub fn PublishedNav() -> impl IntoView {
    let location = use_location();
    let here = location.pathname.get_untracked();
    view! {
        <nav class="app-subnav" aria-label="Published records">
            <ul class="app-subnav__list">
                {[routes::PUBLIC_MEETINGS, routes::PUBLIC_QUESTIONS, routes::PUBLIC_ACTIONS, routes::PUBLIC_EVIDENCE, routes::PUBLIC_EQUALITY].map(|page| {
                    let current = here == page.path;
                    view! {
                        <li class="app-subnav__item">
                            <A href=page.path attr:class="govuk-link" attr:aria-current=current.then_some("page")>{page.title}</A>
                        </li>
                    }
                })}
            </ul>
        </nav>
    }
}
