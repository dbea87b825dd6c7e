//! The admin area: user accounts, the audit trail, the bank holidays and the topics.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::routes;

mod audit;
mod bank_holidays;
mod topics;
mod users;

pub use audit::{list_audit, AuditPage, ListAudit};
pub use bank_holidays::BankHolidaysPage;
pub use topics::TopicsPage;
pub use users::{
    create_user, get_user, list_users, reset_password, reset_two_factor, update_user, CreateUser,
    EditUserPage, GetUser, ListUsers, NewUserPage, ResetPassword, ResetTwoFactor, UpdateUser,
    UsersPage,
};

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
