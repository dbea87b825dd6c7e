//! The frame of every page: service header with role-dependent navigation, phase banner
//! and footer. GOV.UK Frontend styles, without the GOV.UK crown or typeface, which are
//! reserved for GOV.UK itself.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::accounts::{use_auth, Me};
use crate::routes;

#[component]
pub fn Header() -> impl IntoView {
    let auth = use_auth();
    // Pages render only on the server, for the request's person: no resource to await.
    let me = crate::accounts::signed_in().ok().flatten();
    let location = use_location();
    let nav = move |me: Option<Me>| {
        let role = me.as_ref().map(|m| m.role);
        routes::navigation(role)
            .map(|page| {
                let path = page.path;
                let current = move || {
                    let here = location.pathname.get();
                    match path {
                        "/" => here == "/",
                        // One entry stands for all the published pages.
                        "/public/meetings" if role.is_some() => here.starts_with("/public/"),
                        _ => here.starts_with(path),
                    }
                };
                view! {
                    <li class=move || if current() {
                        "govuk-service-navigation__item govuk-service-navigation__item--active"
                    } else {
                        "govuk-service-navigation__item"
                    }>
                        <A href=path attr:class="govuk-service-navigation__link" attr:aria-current=move || current().then_some("page")>
                            {routes::nav_label(page, role)}
                        </A>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    let account = move |me: Option<Me>| {
        match me {
        Some(me) => view! {
            <span class="app-account__name">{me.display_name.clone()}" ("{me.role.label()}")"</span>
            <ActionForm action=auth.sign_out attr:class="app-inline-form">
                <button type="submit" class="app-link-button govuk-service-navigation__link">"Sign out"</button>
            </ActionForm>
        }
        .into_any(),
        None => view! {
            <A href=routes::SIGN_IN.path attr:class="govuk-service-navigation__link">"Sign in"</A>
        }
        .into_any(),
    }
    };
    view! {
        <header class="govuk-service-navigation app-header" data-module="govuk-service-navigation">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <A href="/" attr:class="govuk-service-navigation__link">"Scrutineer"</A>
                    </span>
                    // Who is signed in, at the right of the service's name: the navigation
                    // below keeps its whole width for the pages.
                    <div class="app-account">{account(me.clone())}</div>
                    <nav aria-label="Menu" class="govuk-service-navigation__wrapper">
                        <ul class="govuk-service-navigation__list" id="navigation">{nav(me)}</ul>
                    </nav>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn PhaseBanner() -> impl IntoView {
    // The layout is rendered on the server only (islands hydrate, not the frame).
    #[cfg(feature = "ssr")]
    let feedback = crate::context::settings().and_then(|s| s.feedback_url);
    #[cfg(not(feature = "ssr"))]
    let feedback: Option<String> = None;
    view! {
        <div class="govuk-phase-banner">
            <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">"Alpha"</strong>
                <span class="govuk-phase-banner__text">
                    {match feedback {
                        Some(url) => view! {
                            "This is a new service. "
                            <a class="govuk-link" href=url>"Tell us what you think of it"</a>
                            " — your feedback will help us improve it."
                        }.into_any(),
                        None => view! { "This is a new service. Tell the OPCC governance team what you think of it." }.into_any(),
                    }}
                </span>
            </p>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <h2 class="govuk-visually-hidden">"Support links"</h2>
                        <ul class="govuk-footer__inline-list">
                            <li class="govuk-footer__inline-list-item">
                                <A href=routes::ACCESSIBILITY.path attr:class="govuk-footer__link">"Accessibility statement"</A>
                            </li>
                        </ul>
                        <p class="govuk-body-s">
                            "Scrutineer: the Police and Crime Commissioner's record of holding the Chief Constable to account."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
