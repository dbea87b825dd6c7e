//! Keeps a working person's session alive, and warns before an unused one ends (the GOV.UK
//! timeout warning pattern). With JavaScript: typing into any form counts as using
//! Scrutineer (at most one keep-alive a minute), and a warning appears a few minutes before
//! the session would end, with a button to stay signed in. Without JavaScript nothing is
//! shown; a form posted too late is kept for its person instead (`auth::kept`).

use leptos::prelude::*;

use crate::accounts::keep_alive;

/// How often the page checks the time left, in milliseconds.
const TICK_MS: u64 = 10_000;
/// Typing keeps the session alive at most this often, in milliseconds.
const KEEP_ALIVE_EVERY_MS: f64 = 60_000.0;

/// When to warn: five minutes before the end, or a fifth of the session for short ones.
fn warning_lead_ms(idle_secs: i64) -> f64 {
    (idle_secs as f64 * 1000.0 / 5.0).min(5.0 * 60_000.0)
}

/// Milliseconds since the epoch, by the browser's clock; only ever called in the browser.
fn now_ms() -> f64 {
    leptos::web_sys::js_sys::Date::now()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Nothing,
    Warning,
    Ended,
}

/// An island: the signed-in page gives it how long a session lasts unused (`idle_secs`).
#[island]
pub fn SessionWarning(idle_secs: i64) -> impl IntoView {
    let (shown, set_shown) = signal(Shown::Nothing);
    let (minutes_left, set_minutes_left) = signal(0i64);
    // When the server last heard from this page (ms since the epoch), and for how long a
    // session lasts unused.
    let last_contact = StoredValue::new(0f64);
    let idle_ms = StoredValue::new(0f64);
    let last_ping = StoredValue::new(0f64);

    let stay = move || {
        leptos::task::spawn_local(async move {
            match keep_alive().await {
                Ok(idle_secs) => {
                    idle_ms.set_value(idle_secs as f64 * 1000.0);
                    last_contact.set_value(now_ms());
                    set_shown.set(Shown::Nothing);
                }
                Err(_) => set_shown.set(Shown::Ended),
            }
        });
    };

    // Effects run only in the browser, where the clock is.
    Effect::new(move |_| {
        idle_ms.set_value(idle_secs as f64 * 1000.0);
        let now = now_ms();
        last_contact.set_value(now);
        last_ping.set_value(now);
    });

    Effect::new(move |_| {
        let tick = set_interval_with_handle(
            move || {
                let idle = idle_ms.get_value();
                if idle <= 0.0 || shown.get_untracked() == Shown::Ended {
                    return;
                }
                let left = last_contact.get_value() + idle - now_ms();
                if left <= 0.0 {
                    set_shown.set(Shown::Ended);
                } else if left <= warning_lead_ms((idle / 1000.0) as i64) {
                    set_minutes_left.set((left / 60_000.0).ceil() as i64);
                    set_shown.set(Shown::Warning);
                }
            },
            std::time::Duration::from_millis(TICK_MS),
        );
        on_cleanup(move || {
            if let Ok(handle) = tick {
                handle.clear();
            }
        });
    });

    let typing = window_event_listener(leptos::ev::input, move |_| {
        let now = now_ms();
        if idle_ms.get_value() > 0.0
            && shown.get_untracked() != Shown::Ended
            && now - last_ping.get_value() >= KEEP_ALIVE_EVERY_MS
        {
            last_ping.set_value(now);
            stay();
        }
    });
    on_cleanup(move || typing.remove());

    view! {
        <div class="app-session-warning" role="status" aria-live="polite">
            {move || match shown.get() {
                Shown::Nothing => ().into_any(),
                Shown::Warning => view! {
                    <div class="govuk-notification-banner" role="region" aria-labelledby="session-warning-title">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="session-warning-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">
                                {move || format!(
                                    "You will be signed out in {} {} if you do nothing.",
                                    minutes_left.get(),
                                    if minutes_left.get() == 1 { "minute" } else { "minutes" }
                                )}
                            </p>
                            <p class="govuk-body">"Scrutineer signs you out when it has not been used for a while, to keep the records safe. Anything you were typing stays in the page."</p>
                            <button type="button" class="govuk-button" on:click=move |_| stay()>"Stay signed in"</button>
                        </div>
                    </div>
                }.into_any(),
                Shown::Ended => view! {
                    <div class="govuk-notification-banner" role="region" aria-labelledby="session-ended-title">
                        <div class="govuk-notification-banner__header">
                            <h2 class="govuk-notification-banner__title" id="session-ended-title">"Important"</h2>
                        </div>
                        <div class="govuk-notification-banner__content">
                            <p class="govuk-notification-banner__heading">"You have been signed out."</p>
                            <p class="govuk-body">"If you save a form now, what you typed is kept: you will be asked to sign in again and brought back to it."</p>
                        </div>
                    </div>
                }.into_any(),
            }}
        </div>
    }
}
