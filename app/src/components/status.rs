//! The pages shown instead of content: no access (403), not found (404), and a problem on
//! our side (500). Each sets the response's status when rendered on the server.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::AppError;

fn status(code: u16) {
    #[cfg(feature = "ssr")]
    {
        if code == 403 {
            crate::context::log_page_refusal();
        }
        crate::context::set_status(code);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

#[component]
pub fn Forbidden() -> impl IntoView {
    status(403);
    view! {
        <Title text="You do not have access to this page"/>
        <h1 class="govuk-heading-l">"You do not have access to this page"</h1>
        <p class="govuk-body">"Your account does not have the role this page needs."</p>
        <p class="govuk-body">"If you think you should have access, contact your Scrutineer administrator."</p>
        <p class="govuk-body"><A href="/" attr:class="govuk-link">"Go to the home page"</A></p>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    status(404);
    view! {
        <Title text="Page not found"/>
        <h1 class="govuk-heading-l">"Page not found"</h1>
        <p class="govuk-body">"If you typed the web address, check it is correct."</p>
        <p class="govuk-body">"If you pasted the web address, check you copied the entire address."</p>
        <p class="govuk-body"><A href="/" attr:class="govuk-link">"Go to the home page"</A></p>
    }
}

#[component]
pub fn ServiceProblem() -> impl IntoView {
    status(500);
    view! {
        <Title text="Sorry, there is a problem with the service"/>
        <h1 class="govuk-heading-l">"Sorry, there is a problem with the service"</h1>
        <p class="govuk-body">"Try again later."</p>
        <p class="govuk-body">"Nothing you entered has been saved half-way: either a change was saved whole, or not at all."</p>
    }
}

/// Shown where a page's content was refused because the person's session has ended: how
/// to sign in again and come back here.
#[component]
pub fn SignedOut(#[prop(optional)] kept: bool) -> impl IntoView {
    status(401);
    let location = leptos_router::hooks::use_location();
    let here = {
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    let href = crate::routes::sign_in_again(&here);
    view! {
        <Title text="You have been signed out"/>
        <h1 class="govuk-heading-l">"You have been signed out"</h1>
        <p class="govuk-body">"Scrutineer signs you out when it has not been used for a while, to keep the records safe."</p>
        {kept.then(|| view! {
            <p class="govuk-body">"What you were saving was not saved, but it has been kept for you: sign in again and you will be brought back to it."</p>
        })}
        <p class="govuk-body"><a href=href class="govuk-button">"Sign in again"</a></p>
    }
}

/// The page for an error that stopped a page loading.
#[component]
pub fn ShowError(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => view! { <SignedOut/> }.into_any(),
        AppError::SessionEnded => view! { <SignedOut kept=true/> }.into_any(),
        AppError::Forbidden => view! { <Forbidden/> }.into_any(),
        AppError::NotFound => view! { <NotFound/> }.into_any(),
        _ => view! { <ServiceProblem/> }.into_any(),
    }
}
