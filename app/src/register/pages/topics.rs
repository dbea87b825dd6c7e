//! The topics questions and actions are filed under: add one, retire one (old records keep
//! it; new ones cannot choose it) or bring it back.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorSummary, FormError, SuccessBanner, TextField};
use crate::register::server::*;

#[component]
pub fn TopicsPage() -> impl IntoView {
    let add = ServerAction::<AddTopic>::new();
    let retire = ServerAction::<RetireTopic>::new();
    let topics = Resource::new(
        move || (add.version().get(), retire.version().get()),
        |_| list_topics(),
    );
    let add_error: FormError = crate::components::form_error(add);
    let retire_error: FormError = crate::components::form_error(retire);
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("added", "The topic was added"),
            (
                "retired",
                "The topic was retired: new questions and actions cannot choose it",
            ),
            ("restored", "The topic can be chosen again"),
        ],
    );
    view! {
        <Title text="Topics"/>
        <SuccessBanner message=saved/>
        <ErrorSummary error=add_error/>
        <ErrorSummary error=retire_error/>
        <h1 class="govuk-heading-l">"Topics"</h1>
        <p class="govuk-body">"Questions and actions are filed under these topics; the register and the briefing pack group by them."</p>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h2 class="govuk-heading-m">"Add a topic"</h2>
                <ActionForm action=add attr:novalidate=true>
                    <TextField label="Name" name="name" error=add_error/>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Add topic"</button>
                </ActionForm>
                {crate::components::loaded(topics, move |list| view! {
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} topics", list.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Topic"</th>
                                <th scope="col" class="govuk-table__header">"In use"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Change"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {list.into_iter().map(|t| view! {
                                <tr class="govuk-table__row">
                                    <td data-label="Topic" class="govuk-table__cell">{t.name.clone()}</td>
                                    <td data-label="In use" class="govuk-table__cell">{if t.retired { "Retired" } else { "Yes" }}</td>
                                    <td data-label="Change" class="govuk-table__cell">
                                        <ActionForm action=retire attr:class="app-inline-form">
                                            <input type="hidden" name="id" value=t.id.to_string()/>
                                            <input type="hidden" name="retire" value=if t.retired { "no" } else { "yes" }/>
                                            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                                                {if t.retired { "Bring back" } else { "Retire" }}
                                                <span class="govuk-visually-hidden">{format!(" {}", t.name)}</span>
                                            </button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }).collect::<Vec<_>>()}
                        </tbody>
                    </table>
                }.into_any())}
            </div>
        </div>
    }
}
