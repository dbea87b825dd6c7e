//! A person's own sessions: when each began, when it was last used, the browser and the
//! address it signed in from, and "sign out of all other sessions" (a lost laptop, a
//! shared computer left signed in).

use domain::SessionView;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::accounts::server::*;
use crate::components::SuccessBanner;

#[component]
pub fn SessionsPage() -> impl IntoView {
    let sessions = Resource::new(|| (), |_| own_sessions());
    let end = ServerAction::<EndOtherSessions>::new();
    let query = leptos_router::hooks::use_query_map();
    let ended = Signal::derive(move || {
        // A number, or nothing: the banner is trusted, and its address is not.
        let n = query.with(|q| q.get("ended"))?.parse::<u32>().ok()?;
        Some(match n {
            0 => "No other session was open".to_owned(),
            1 => "1 other session was signed out".to_owned(),
            n => format!("{n} other sessions were signed out"),
        })
    });
    view! {
        <Title text="Your sessions"/>
        <SuccessBanner message=ended/>
        <h1 class="govuk-heading-l">"Your sessions"</h1>
        <p class="govuk-body">"Where you are signed in to Scrutineer now. If you do not recognise one, or left a computer signed in, sign out of the others and change your password."</p>
        {crate::components::loaded(sessions, move |list: Vec<SessionView>| {
            let others = list.iter().filter(|s| !s.current).count();
            view! {
                <table class="govuk-table">
                    <caption class="govuk-table__caption govuk-table__caption--m">"Signed in"</caption>
                    <thead class="govuk-table__head">
                        <tr class="govuk-table__row">
                            <th scope="col" class="govuk-table__header">"Browser"</th>
                            <th scope="col" class="govuk-table__header">"Signed in"</th>
                            <th scope="col" class="govuk-table__header">"Last used"</th>
                            <th scope="col" class="govuk-table__header">"From"</th>
                        </tr>
                    </thead>
                    <tbody class="govuk-table__body">
                        {list.into_iter().map(|s| view! {
                            <tr class="govuk-table__row">
                                <td data-label="Browser" class="govuk-table__cell">
                                    {s.browser.clone()}
                                    {s.current.then(|| view! { " " <strong class="govuk-tag">"This session"</strong> })}
                                </td>
                                <td data-label="Signed in" class="govuk-table__cell"><time datetime=s.started.utc.clone()>{s.started.long.clone()}</time></td>
                                <td data-label="Last used" class="govuk-table__cell"><time datetime=s.last_seen.utc.clone()>{s.last_seen.long.clone()}</time></td>
                                <td data-label="From" class="govuk-table__cell">{s.address.clone()}</td>
                            </tr>
                        }).collect::<Vec<_>>()}
                    </tbody>
                </table>
                {(others > 0).then(|| view! {
                    <ActionForm action=end>
                        <button type="submit" class="govuk-button govuk-button--warning">"Sign out of all other sessions"</button>
                    </ActionForm>
                })}
            }.into_any()
        })}
    }
}
