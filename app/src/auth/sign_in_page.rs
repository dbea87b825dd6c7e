use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::use_auth;
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
    let next = Signal::derive(move || {
        error
            .try_with(|e| e.as_ref().and_then(|e| e.value("next")).map(str::to_owned))
            .flatten()
            .or_else(|| query.try_with(|q| q.get("next")).flatten())
            .unwrap_or_default()
    });
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
                <h1 class="govuk-heading-l">"Sign in to Scrutineer"</h1>
                <p class="govuk-body">"For staff of the Office of the Police and Crime Commissioner and of the force."</p>
                <ActionForm action=auth.sign_in attr:novalidate=true>
                    <input type="hidden" name="next" value=next/>
                    <TextField label="Email address" name="email" error input_type="email" autocomplete="username"/>
                    <TextField label="Password" name="password" error input_type="password" autocomplete="current-password" secret=true/>
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Sign in"</button>
                </ActionForm>
                <p class="govuk-body">"If you have forgotten your password, ask your Scrutineer administrator to reset it."</p>
            </div>
        </div>
    }
}
