//! A person changing their own password: the current one, then a new one twice. Their other
//! sessions end. A person whose password an admin set lands here after signing in, and can
//! reach nothing else until they have chosen their own.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::server::*;
use crate::components::{ErrorSummary, FormError, SuccessBanner, TextField};

#[component]
pub fn PasswordPage() -> impl IntoView {
    let change = ServerAction::<ChangePassword>::new();
    let error: FormError = crate::components::form_error(change);
    let query = use_query_map();
    let changed = Signal::derive(move || {
        query
            .with(|q| q.get("changed"))
            .and_then(|word| match word.as_str() {
                "alone" => Some("Your password was changed".to_owned()),
                "others" => Some(
                    "Your password was changed and your other sessions were signed out".to_owned(),
                ),
                _ => None,
            })
    });
    let must = crate::accounts::signed_in()
        .ok()
        .flatten()
        .is_some_and(|me| me.must_change_password);
    view! {
        <Title text=move || if error.try_with(Option::is_some).unwrap_or(false) { "Error: Change your password" } else { "Change your password" }/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <SuccessBanner message=changed/>
                <ErrorSummary error/>
                <h1 class="govuk-heading-l">"Change your password"</h1>
                {must.then(|| view! {
                    <div class="govuk-inset-text" data-must-change="">
                        "Your password was set by an administrator. Choose your own before you go on: nobody else should know it."
                    </div>
                })}
                <p class="govuk-body">"Changing it signs you out everywhere else."</p>
                <ActionForm action=change attr:novalidate=true>
                    <TextField label="Current password" name="current_password" error input_type="password" autocomplete="current-password" secret=true/>
                    <TextField label="New password" name="password" error input_type="password" autocomplete="new-password" secret=true
                        hint="At least 12 characters, and hard to guess: a few unrelated words make a good one. Not your name or email."/>
                    <TextField label="Confirm new password" name="confirm_password" error input_type="password" autocomplete="new-password" secret=true/>
                    <button type="submit" class="govuk-button">"Change password"</button>
                </ActionForm>
            </div>
        </div>
    }
}
