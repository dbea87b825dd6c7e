//! A person's private calendar feed of their deadlines: turn it on, copy its address into
//! a calendar program, replace it if it leaks, or turn it off.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::server::*;
use crate::components::{ShowError, SuccessBanner};
use crate::meetings::flag_message;

#[component]
pub fn CalendarFeedPage() -> impl IntoView {
    let renew = ServerAction::<RenewCalendarFeed>::new();
    let off = ServerAction::<TurnOffCalendarFeed>::new();
    let feed = Resource::new(
        move || (renew.version().get(), off.version().get()),
        |_| calendar_feed(),
    );
    let saved = flag_message(
        "saved",
        &[
            (
                "renewed",
                "Your calendar has a new address. The old one no longer works.",
            ),
            ("off", "Your calendar feed is turned off."),
        ],
    );
    view! {
        <Title text="Deadlines in your calendar"/>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"Deadlines in your calendar"</h1>
        <p class="govuk-body">
            "Subscribe to this private address in Outlook, Google Calendar or Apple Calendar to see the due dates of your open actions "
            "(for force liaison: all of the force's open actions). Anyone with the address can see those titles and dates, so do not share it."
        </p>
        <Suspense fallback=|| view! { <p class="govuk-body">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match feed.await {
                    Err(e) => view! { <ShowError error=e/> }.into_any(),
                    Ok(FeedAddress::Off) => view! {
                        <p class="govuk-body">"Your calendar feed is off."</p>
                        <ActionForm action=renew>
                            <button type="submit" class="govuk-button">"Turn on my calendar feed"</button>
                        </ActionForm>
                    }.into_any(),
                    Ok(FeedAddress::On) => view! {
                        <p class="govuk-body">
                            "Your calendar feed is on. Its address was shown once, when it was made: Scrutineer keeps only a fingerprint of it, so it cannot show it again. "
                            "If you have lost it, or think someone else has it, make a new address."
                        </p>
                        <FeedButtons renew off/>
                    }.into_any(),
                    Ok(FeedAddress::New { address }) => view! {
                        <div class="govuk-form-group">
                            <label class="govuk-label" for="feed-address">"Your calendar's address"</label>
                            <div id="feed-address-hint" class="govuk-hint">"Copy it into your calendar program now: it will not be shown again."</div>
                            <input class="govuk-input" id="feed-address" type="text" readonly value=address spellcheck="false" aria-describedby="feed-address-hint"/>
                        </div>
                        <FeedButtons renew off/>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Replace the address, or turn the feed off.
#[component]
fn FeedButtons(
    renew: ServerAction<RenewCalendarFeed>,
    off: ServerAction<TurnOffCalendarFeed>,
) -> impl IntoView {
    view! {
        <div class="govuk-button-group">
            <ActionForm action=renew attr:class="app-inline-form">
                <button type="submit" class="govuk-button govuk-button--secondary">"Make a new address"</button>
            </ActionForm>
            <ActionForm action=off attr:class="app-inline-form">
                <button type="submit" class="govuk-button govuk-button--warning">"Turn off my calendar feed"</button>
            </ActionForm>
        </div>
    }
}
