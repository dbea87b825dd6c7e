//! A person's second factor: setting it up (a QR code drawn on the server, the key as text,
//! ten recovery codes, confirmed by a code from the app), and setting it up again. Where a
//! second factor is required, a person without one lands here and reaches nothing else.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::accounts::server::*;
use crate::components::{ErrorSummary, FormError, SuccessBanner, TextField};

/// Where everyone must have a second factor: why this page comes first.
fn must_set_up(required: bool) -> impl IntoView {
    required.then(|| {
        view! {
            <div class="govuk-inset-text" data-must-set-up="">
                "Scrutineer asks everyone for a code from an authenticator app as well as their password. Set yours up before you go on: it takes a minute."
            </div>
        }
    })
}

#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let begin = ServerAction::<BeginTwoFactor>::new();
    let confirm = ServerAction::<ConfirmTwoFactor>::new();
    let again = ServerAction::<StartTwoFactorAgain>::new();
    let confirm_error: FormError = crate::components::form_error(confirm);
    let again_error: FormError = crate::components::form_error(again);
    let view_of = Resource::new(|| (), |_| two_factor());
    let query = use_query_map();
    let on = Signal::derive(move || {
        query.with(|q| q.get("on").is_some()).then(|| {
            "Two-factor sign-in is on: you will be asked for a code each time you sign in"
                .to_owned()
        })
    });
    let few_left = move || query.with(|q| q.get("recovery").as_deref() == Some("few"));
    let title = move || {
        let failed = confirm_error.try_with(Option::is_some).unwrap_or(false)
            || again_error.try_with(Option::is_some).unwrap_or(false);
        if failed {
            "Error: Two-factor sign-in"
        } else {
            "Two-factor sign-in"
        }
    };
    view! {
        <Title text=title/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <SuccessBanner message=on/>
                <ErrorSummary error=confirm_error/>
                <ErrorSummary error=again_error/>
                {crate::components::loaded(view_of, move |shown: TwoFactorView| match shown {
                    TwoFactorView::On { since, recovery_codes_left } => view! {
                        <h1 class="govuk-heading-l">"Two-factor sign-in"</h1>
                        {few_left().then(|| view! {
                            <div class="govuk-warning-text">
                                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                <strong class="govuk-warning-text__text">
                                    <span class="govuk-visually-hidden">"Warning"</span>
                                    {format!("You signed in with a recovery code and have {recovery_codes_left} left. Set up two-factor sign-in again below to get new codes.")}
                                </strong>
                            </div>
                        })}
                        <dl class="govuk-summary-list">
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Status"</dt>
                                <dd class="govuk-summary-list__value" data-two-factor="on">{format!("On since {since}")}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Recovery codes"</dt>
                                <dd class="govuk-summary-list__value">{format!("{recovery_codes_left} of 10 unused")}</dd>
                            </div>
                        </dl>
                        <h2 class="govuk-heading-m">"Set up again"</h2>
                        <p class="govuk-body">"For a new phone, or for new recovery codes. Your present app and recovery codes stop working at once, and you are signed out everywhere else."</p>
                        <ActionForm action=again attr:novalidate=true>
                            <TextField label="Your password" name="password" error=again_error input_type="password" autocomplete="current-password" secret=true/>
                            <button type="submit" class="govuk-button govuk-button--secondary">"Set up again"</button>
                        </ActionForm>
                    }.into_any(),
                    TwoFactorView::NotStarted { required } => view! {
                        <h1 class="govuk-heading-l">"Set up two-factor sign-in"</h1>
                        {must_set_up(required)}
                        <p class="govuk-body">"You need an app on your phone that makes 6-digit sign-in codes, such as Microsoft Authenticator or Google Authenticator. Scrutineer then shows you a QR code to scan with it, and ten recovery codes to keep."</p>
                        <ActionForm action=begin>
                            <button type="submit" class="govuk-button">"Start setting up"</button>
                        </ActionForm>
                    }.into_any(),
                    TwoFactorView::SettingUp { qr, key, recovery_codes, required } => view! {
                        <h1 class="govuk-heading-l">"Set up two-factor sign-in"</h1>
                        {must_set_up(required)}
                        <h2 class="govuk-heading-m">"1. Add Scrutineer to your authenticator app"</h2>
                        <p class="govuk-body">"Use any app that makes 6-digit sign-in codes, such as Microsoft Authenticator or Google Authenticator. Scan this QR code with it:"</p>
                        <img src=qr class="app-qr-code" width="220" height="220" alt="QR code for adding Scrutineer to your authenticator app. If you cannot scan it, enter the key below."/>
                        <p class="govuk-body">"If you cannot scan it, choose to enter a key in the app and type this one:"</p>
                        <p class="govuk-body"><code class="app-secret" data-secret="">{key}</code></p>
                        <h2 class="govuk-heading-m">"2. Keep your recovery codes"</h2>
                        <p class="govuk-body">"If you lose your phone, each of these signs you in once instead of a code. Print them or write them down, and keep them somewhere safe. They are not shown again once you finish."</p>
                        <ul class="govuk-list app-recovery-codes" data-recovery-codes="">
                            {recovery_codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect::<Vec<_>>()}
                        </ul>
                        <h2 class="govuk-heading-m">"3. Enter the code the app shows"</h2>
                        <ActionForm action=confirm attr:novalidate=true>
                            <TextField label="Code from your app" name="code" error=confirm_error autocomplete="one-time-code" width_class="govuk-input--width-10"
                                hint="6 digits, for example 123 456."/>
                            <button type="submit" class="govuk-button">"Turn on two-factor sign-in"</button>
                        </ActionForm>
                    }.into_any(),
                })}
            </div>
        </div>
    }
}
