//! The titles minutes name owners by ("Chief Constable to …", "Head of PSD to …"): the
//! secretariat keeps the list, so an ACTION line naming one is owned by the right
//! organisation.

use domain::Owner;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{ErrorSummary, FormError, SelectField, SuccessBanner, TextField};
use crate::register::server::*;

#[component]
pub fn OwnerTitlesPage() -> impl IntoView {
    let add = ServerAction::<AddOwnerTitle>::new();
    let remove = ServerAction::<RemoveOwnerTitle>::new();
    let titles = Resource::new(
        move || (add.version().get(), remove.version().get()),
        |_| list_owner_titles(),
    );
    let add_error: FormError = crate::components::form_error(add);
    let remove_error: FormError = crate::components::form_error(remove);
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            (
                "added",
                "The title was added: ACTION lines naming it are read from now on",
            ),
            ("removed", "The title was removed"),
        ],
    );
    let title = crate::routes::OWNER_TITLES.title;
    view! {
        <Title text=title/>
        <SuccessBanner message=saved/>
        <ErrorSummary error=add_error/>
        <ErrorSummary error=remove_error/>
        <h1 class="govuk-heading-l">{title}</h1>
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <p class="govuk-body">
                    "An ACTION line in the minutes starts with who owns the action: "<code>"Force"</code>", "<code>"OPCC"</code>" or "<code>"Partner"</code>
                    " (with a name in brackets), or one of the titles below. A line such as "<code>"ACTION: Head of PSD to … by 31 March 2027"</code>
                    " is owned by the title's organisation, with the title as the owner's name. Several titles joined by "<code>"/"</code>" or "<code>"and"</code>
                    " (\"DCC/ACC\") must all belong to the same organisation; a title followed by a name (\"DCC Smith\") counts as the title."
                </p>
                <h2 class="govuk-heading-m">"Add a title"</h2>
                <ActionForm action=add attr:novalidate=true>
                    <TextField label="Title" name="title" error=add_error hint="As the minutes write it, for example Head of Corporate Communications or Ch Supt"/>
                    <SelectField label="Whose title it is" name="owner" error=add_error options=Owner::options()/>
                    <button type="submit" class="govuk-button govuk-button--secondary">"Add title"</button>
                </ActionForm>
                {crate::components::loaded(titles, move |list| view! {
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} titles", list.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Title"</th>
                                <th scope="col" class="govuk-table__header">"Whose"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Remove"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {list.into_iter().map(|t| view! {
                                <tr class="govuk-table__row">
                                    <td data-label="Title" class="govuk-table__cell">{t.title.clone()}</td>
                                    <td data-label="Whose" class="govuk-table__cell">{t.owner.label()}</td>
                                    <td data-label="Remove" class="govuk-table__cell">
                                        <ActionForm action=remove attr:class="app-inline-form">
                                            <input type="hidden" name="id" value=t.id.to_string()/>
                                            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                                                "Remove"<span class="govuk-visually-hidden">{format!(" {}", t.title)}</span>
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
