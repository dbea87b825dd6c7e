//! The second step of signing in: the code from the person's authenticator app, or one of
//! their recovery codes (`services::accounts::two_factor`).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::{SignInCode, SignOut};
use crate::components::{ErrorSummary, FormError, TextField};

#[component]
pub fn SignInCodePage() -> impl IntoView {
    let code = ServerAction::<SignInCode>::new();
    let query = use_query_map();
    let error: FormError = crate::components::form_error(code);
    let next = crate::accounts::next_page(error, query);
    let title = move || {
        if error.try_with(Option::is_some).unwrap_or(false) {
            "Error: Enter your code"
        } else {
            "Enter your code"
        }
    };
    view! {
        <Title text=title/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Enter the code from your authenticator app"</h1>
                <p class="govuk-body">"Your password was right. Open the authenticator app on your phone and enter the 6-digit code it shows for Scrutineer."</p>
                // A plain form, as on the sign-in page: the next page loads whole.
                <form method="post" action=SignInCode::PATH novalidate>
                    <input type="hidden" name="next" value=next/>
                    <TextField label="Code" name="code" error autocomplete="one-time-code" width_class="govuk-input--width-10"
                        hint="For example, 123 456. Lost your phone? Enter one of your recovery codes instead, such as abcde-fghjk."/>
                    <button type="submit" class="govuk-button" data-module="govuk-button">"Continue"</button>
                </form>
                <details class="govuk-details">
                    <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"I have no phone and no recovery codes"</span></summary>
                    <div class="govuk-details__text">"Ask your Scrutineer administrator to reset your two-factor sign-in. You will then set it up again with a new phone when you next sign in."</div>
                </details>
                <form method="post" action=SignOut::PATH>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Cancel and sign out"</button>
                </form>
            </div>
        </div>
    }
}
