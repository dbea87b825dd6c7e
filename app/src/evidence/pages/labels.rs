//! What Scrutineer reads the files' labels as — self-defined ethnicity to the Census's
//! broad groups, older outcome labels to today's — and the population tables rates use,
//! with the import of another table. Shown so that the figures can be checked.

use domain::evidence::LabelMeaning;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{Checkbox, ErrorSummary, FormError, SuccessBanner, TextArea, TextField};
use crate::evidence::server::{evidence_labels, ChoosePopulationTable, ImportPopulation, Meanings};

#[component]
pub fn LabelsPage() -> impl IntoView {
    let meanings = Resource::new(|| (), |_| evidence_labels());
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            ("default", "Rates now use the table you chose"),
            ("table", "The population table was imported"),
            (
                "mapped",
                "The label's meaning was saved: imports read it so from now on",
            ),
        ],
    );
    view! {
        <Title text="What the labels and population figures mean"/>
        <a href="/evidence" class="govuk-back-link">"Back to the evidence"</a>
        <SuccessBanner message=saved/>
        <h1 class="govuk-heading-l">"What the labels and population figures mean"</h1>
        {crate::components::loaded(meanings, |m| view! { <Meaning m/> }.into_any())}
    }
}

fn label_table(
    caption: &'static str,
    heading: &'static str,
    rows: Vec<LabelMeaning>,
    legacy: bool,
) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"In the files"</th>
                    <th scope="col" class="govuk-table__header">{heading}</th>
                    {legacy.then(|| view! { <th scope="col" class="govuk-table__header">"Used by"</th> })}
                    <th scope="col" class="govuk-table__header">"Why"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {rows.into_iter().map(|l| view! {
                    <tr class="govuk-table__row">
                        <td data-label="In the files" class="govuk-table__cell">{l.label.clone()}</td>
                        <td data-label=heading class="govuk-table__cell">{l.meaning.clone()}</td>
                        {legacy.then(|| view! {
                            <td data-label="Used by" class="govuk-table__cell">{if l.legacy { "Older files" } else { "Today's files" }}</td>
                        })}
                        <td data-label="Why" class="govuk-table__cell">{l.note.clone()}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

#[component]
fn Meaning(m: Meanings) -> impl IntoView {
    let choose = ServerAction::<ChoosePopulationTable>::new();
    let choose_error: FormError = crate::components::form_error(choose);
    let can_import = m.can_import;
    let tables = m.tables.clone();
    view! {
        <ErrorSummary error=choose_error/>
        <p class="govuk-body">"Rates compare the five broad ethnic groups of the Census. Searches whose self-defined ethnicity was “Not stated”, or left blank, are counted as not stated: in no group's rate, and shown beside the figures."</p>
        <p class="govuk-body">"Files since 2015 use the 2011 Census categories; older files the 2001 Census's “16+1” categories, often with a code after them such as (B2). Labels are compared without regard to case, spaces, dashes or that code. The 2001 Census put Chinese in “Chinese or other ethnic group”; the Home Office has counted Chinese as Asian since 2011, and so does Scrutineer, so that years compare."</p>
        {label_table("Self-defined ethnicity", "Broad group", m.ethnicity, false)}
        <p class="govuk-body">"Officer-defined ethnicity is already given as a broad group (Asian, Black, Mixed, White, Other)."</p>
        {label_table("Outcomes", "Read as", m.outcomes, true)}
        <h2 class="govuk-heading-m">"Population tables"</h2>
        <p class="govuk-body">"Every rate says which table it used. The Census 2021 table is loaded with Scrutineer; another table (a newer estimate, or the 2011 Census to compare with older published figures) can be imported in the same form."</p>
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--s">"Tables"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Table"</th>
                    <th scope="col" class="govuk-table__header">"Source"</th>
                    <th scope="col" class="govuk-table__header">"Year"</th>
                    <th scope="col" class="govuk-table__header">"Used for rates"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {tables.into_iter().map(|(d, default)| view! {
                    <tr class="govuk-table__row">
                        <td data-label="Table" class="govuk-table__cell">{d.name.clone()}</td>
                        <td data-label="Source" class="govuk-table__cell">{d.source.clone()}</td>
                        <td data-label="Year" class="govuk-table__cell">{d.year}</td>
                        <td data-label="Used for rates" class="govuk-table__cell">
                            {if default {
                                view! { "By default" }.into_any()
                            } else if can_import {
                                view! {
                                    <ActionForm action=choose attr:class="app-inline-form">
                                        <input type="hidden" name="id" value=d.table_id.to_string()/>
                                        <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
                                            "Use by default"<span class="govuk-visually-hidden">{format!(" {}", d.name)}</span>
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            } else {
                                view! { "When chosen on the evidence page" }.into_any()
                            }}
                        </td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
        {can_import.then(|| view! { <PopulationUpload/> })}
        {m.may_map.then(|| view! { <MapLabel/> })}
    }
}

/// Says what a label means: a new one, or a known one read differently from now on.
#[component]
fn MapLabel() -> impl IntoView {
    let map = ServerAction::<crate::evidence::server::MapLabel>::new();
    let error: FormError = crate::components::form_error(map);
    let kinds = domain::evidence::LabelKind::options();
    let meanings: Vec<(&'static str, &'static str)> = domain::evidence::BroadGroup::options()
        .into_iter()
        .chain([("not_stated", "Not stated")])
        .chain(domain::evidence::Outcome::options())
        .collect();
    view! {
        <h2 class="govuk-heading-m" id="map-label">"Say what a label means"</h2>
        <ErrorSummary error/>
        <p class="govuk-body">"For a label the files use that is not listed, or to read a listed one differently. Imports from now on read it so; figures already imported are not changed until their months are imported again. Every change is in the audit trail."</p>
        <ActionForm action=map attr:novalidate=true>
            <crate::components::SelectField label="Column" name="kind" error options=kinds/>
            <TextField label="Label, as the files write it" name="label" error/>
            <crate::components::SelectField label="What it means" name="meaning" error options=meanings/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Save the meaning"</button>
        </ActionForm>
    }
}

#[component]
fn PopulationUpload() -> impl IntoView {
    let import = ServerAction::<ImportPopulation>::new();
    let error: FormError = crate::components::form_error(import);
    view! {
        <h2 class="govuk-heading-m" id="import-table">"Import a population table"</h2>
        <ErrorSummary error/>
        <p class="govuk-body">
            "Paste a table with the columns "<code>"pfa_code"</code>" (the police force area's ONS code, E23… or W15…), "
            <code>"ethnic_group"</code>" (Asian, Black, Mixed, White or Other) and "<code>"population"</code>
            ", with its heading row, as CSV (from a spreadsheet: save as CSV and copy it in). Other columns are ignored. "
            <a class="govuk-link" href="/evidence/population-template.csv" download="population-template.csv">"Download a template (CSV)"</a>
        </p>
        <ActionForm action=import attr:novalidate=true>
            <TextField label="Name" name="name" error hint="Like “ONS mid-2024 estimates”"/>
            <TextField label="Source" name="source" error hint="Where the figures come from"/>
            <TextField label="Year the figures are for" name="year" error width_class="govuk-input--width-4"/>
            <TextArea label="The table, as CSV" name="table" error rows=10 class="app-code"/>
            <Checkbox label="Use it for rates by default" name="default" error checked=Signal::stored(false)/>
            <button type="submit" class="govuk-button govuk-button--secondary">"Import table"</button>
        </ActionForm>
    }
}
