//! Each person's choice of emails: which of the events that give them work they are told of
//! (`services::work::notifications`). Every notice their role can receive is on until turned off.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ShowError, SuccessBanner};
use crate::meetings::flag_message;
use crate::work::server::*;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let save = ServerAction::<ChooseNotifications>::new();
    let choices = Resource::new(move || save.version().get(), |_| notification_choices());
    let saved = flag_message("saved", &[("1", "Your choice of emails was saved.")]);
    view! {
        <Title text="Emails you get"/>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"Emails you get"</h1>
        <p class="govuk-body">"Scrutineer emails you when something happens that gives you work. Choose which."</p>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(choices) if choices.is_empty() => view! {
                        <p class="govuk-body">"Your role is not sent any of these emails."</p>
                    }.into_any(),
                    Ok(choices) => view! {
                        <ActionForm action=save>
                            <div class="govuk-form-group">
                                <fieldset class="govuk-fieldset" aria-describedby="wanted-hint">
                                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">"Email me when"</legend>
                                    <div id="wanted-hint" class="govuk-hint">"Select all that apply."</div>
                                    <div class="govuk-checkboxes" data-module="govuk-checkboxes">
                                        {choices.into_iter().enumerate().map(|(i, (notice, on))| {
                                            let id = format!("wanted-{i}");
                                            view! {
                                                <div class="govuk-checkboxes__item">
                                                    <input class="govuk-checkboxes__input" id=id.clone() name=format!("wanted[{}]", notice.as_str()) type="checkbox" value="on" checked=on/>
                                                    <label class="govuk-label govuk-checkboxes__label" for=id>{notice.label()}</label>
                                                </div>
                                            }
                                        }).collect::<Vec<_>>()}
                                    </div>
                                </fieldset>
                            </div>
                            <button type="submit" class="govuk-button">"Save my choice"</button>
                        </ActionForm>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
