//! Choosing a password from an invitation link (`services::accounts::invitations`): the page a new
//! person lands on from their email.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::accounts::server::*;
use crate::components::{ErrorSummary, FormError, TextField};

#[component]
pub fn InvitationPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token")).unwrap_or_default();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error: FormError = crate::components::form_error(accept);
    let invited = Resource::new(token, invitation);
    view! {
        <Title text="Choose your password"/>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <ErrorSummary error/>
                <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match invited.await {
                            Ok(Some((name, email))) => view! {
                                <h1 class="govuk-heading-l">"Choose your password"</h1>
                                <p class="govuk-body">{format!("Welcome to Scrutineer, {name}. You will sign in as {email}.")}</p>
                                <ActionForm action=accept attr:novalidate=true>
                                    <input type="hidden" name="token" value=token()/>
                                    <TextField label="Password" name="password" error input_type="password" autocomplete="new-password" secret=true
                                        hint="At least 12 characters. A few unrelated words make a good one."/>
                                    <TextField label="Confirm password" name="confirm_password" error input_type="password" autocomplete="new-password" secret=true/>
                                    <button type="submit" class="govuk-button">"Set my password"</button>
                                </ActionForm>
                            }.into_any(),
                            _ => view! {
                                <h1 class="govuk-heading-l">"This link no longer works"</h1>
                                <p class="govuk-body">"An invitation link works once, for 7 days, and stops working when a newer one is sent."</p>
                                <p class="govuk-body">"Ask your Scrutineer administrator to send you a new invitation."</p>
                            }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}
