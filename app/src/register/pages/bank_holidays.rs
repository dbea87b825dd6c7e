//! The bank holidays that working-day deadlines skip: the list by year, adding a day (for
//! example a one-off holiday) and removing one entered by mistake.

use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorSummary, FormError, SuccessBanner, TextField};
use crate::register::server::*;

#[component]
pub fn BankHolidaysPage() -> impl IntoView {
    let add = ServerAction::<AddBankHoliday>::new();
    let remove = ServerAction::<RemoveBankHoliday>::new();
    let holidays = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| list_bank_holidays(),
    );
    let add_error: FormError = crate::components::form_error(add);
    let remove_error: FormError = crate::components::form_error(remove);
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("added", "The bank holiday was added"),
            ("removed", "The bank holiday was removed"),
        ],
    );
    view! {
        <Title text="Bank holidays"/>
        <SuccessBanner message=saved/>
        <ErrorSummary error=add_error/>
        <ErrorSummary error=remove_error/>
        <h1 class="govuk-heading-l">"Bank holidays"</h1>
        <p class="govuk-body">"Deadlines counted in working days skip weekends and these days (England and Wales)."</p>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h2 class="govuk-heading-m">"Add a bank holiday"</h2>
                <ActionForm action=add attr:novalidate=true>
                    <TextField label="Date" name="day" error=add_error width_class="govuk-input--width-10" hint="In the format YYYY-MM-DD"/>
                    <TextField label="Name" name="name" error=add_error/>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Add bank holiday"</button>
                </ActionForm>
                {crate::components::loaded(holidays, move |list| view! {
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} days on the list", list.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Date"</th>
                                <th scope="col" class="govuk-table__header">"Name"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {list.into_iter().map(|(day, name)| view! {
                                <tr class="govuk-table__row">
                                    <td data-label="Date" class="govuk-table__cell">{day.clone()}</td>
                                    <td data-label="Name" class="govuk-table__cell">{name}</td>
                                    <td data-label="Actions" class="govuk-table__cell">
                                        <ActionForm action=remove attr:class="app-inline-form">
                                            <input type="hidden" name="day" value=day.clone()/>
                                            <button type="submit" class="govuk-button govuk-button--warning app-small-button">
                                                "Remove"<span class="govuk-visually-hidden">{format!(" {day}")}</span>
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
