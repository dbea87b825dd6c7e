use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::{use_auth, SignIn};
use crate::components::{ErrorSummary, FormError, TextField};

#[component]
pub fn SignInPage() -> impl IntoView {
    let auth = use_auth();
    let query = use_query_map();
    // `try_get`: see `components::forms` — during server rendering this can be read after
    // the action was disposed (seen on redirects to this page).
    let error: FormError = Signal::derive(move || {
        auth.sign_in
            .value()
            .try_get()
            .flatten()
            .and_then(Result::err)
    });
    let next = crate::accounts::next_page(error, query);
    let ended = move || {
        query
            .try_with(|q| q.get("ended").is_some())
            .unwrap_or(false)
    };
    let invited = move || {
        query
            .try_with(|q| q.get("invited").is_some())
            .unwrap_or(false)
    };
    let title = move || {
        if error.try_with(Option::is_some).unwrap_or(false) {
            "Error: Sign in"
        } else {
            "Sign in"
        }
    };
    view! {
        <Title text=title/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary error/>
                {move || ended().then(|| view! {
                    <div class="govuk-notification-banner" role="region" aria-labelledby="signed-out-title" data-module="govuk-notification-banner">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="signed-out-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">"You were signed out because Scrutineer had not been used for a while."</p>
                            <p class="govuk-body">"If you were saving something, it has been kept: sign in again and you will be brought back to it."</p>
                        </div>
                    </div>
                })}
                {move || invited().then(|| view! {
                    <div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="invited-title">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="invited-title">"Success"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">"Your password is set. Sign in with it."</p>
                        </div>
                    </div>
                })}
                <h1 class="govuk-heading-l">"Sign in to Scrutineer"</h1>
                <p class="govuk-body">"For staff of the Office of the Police and Crime Commissioner and of the force."</p>
                // A plain form, not an ActionForm: signing in loads the next page whole, with
                // anything kept for the person (see `sign_in`) rendered by the server.
                <form method="post" action=SignIn::PATH novalidate>
                    <input type="hidden" name="next" value=next/>
                    <TextField label="Email address" name="email" error input_type="email" autocomplete="username"/>
                    <TextField label="Password" name="password" error input_type="password" autocomplete="current-password" secret=true/>
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                </form>
                <p class="govuk-body">"If you have forgotten your password, ask your Scrutineer administrator to reset it."</p>
            </div>
        </div>
    }
}
