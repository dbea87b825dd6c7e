//! The administrator's index: user accounts, the audit trail, the bank holidays and the
//! topics, each a page of its area.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::routes;

/// What each administration page is for.
fn purpose(page: &routes::Page) -> &'static str {
    match page.path {
        "/admin/users" => "Invite people, change their role, switch accounts off.",
        "/admin/audit" => "Every change to every record: who, when, before and after.",
        "/admin/bank-holidays" => "The days that working-day due dates skip.",
        "/admin/topics" => "The topics questions and actions are filed under.",
        _ => "",
    }
}

/// The administrator's pages, one entry in the navigation.
#[component]
pub fn AdminPage() -> impl IntoView {
    view! {
        <Title text=routes::ADMIN_HOME.title/>
        <h1 class="govuk-heading-l">{routes::ADMIN_HOME.title}</h1>
        <ul class="govuk-list">
            {routes::ADMIN_PAGES.iter().map(|page| view! {
                <li>
                    <h2 class="govuk-heading-s app-nomargin"><A href=page.path attr:class="govuk-link">{page.title}</A></h2>
                    <p class="govuk-body">{purpose(page)}</p>
                </li>
            }).collect::<Vec<_>>()}
        </ul>
    }
}
