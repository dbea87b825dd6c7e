//! Importing data.police.uk's files: the upload form (a plain multipart form, handled by
//! `server::evidence`, so it works without JavaScript), the latest imports, and each
//! import's record with the rows it refused or skipped.

use domain::evidence::{ImportReport, UploadProblem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::server::{get_import, list_imports};
use crate::components::{ChooseField, ErrorSummary, FormError, TextField};
use crate::AppError;

/// The refusal the upload handler sent back, as the form's error (by code, never text).
fn upload_error() -> FormError {
    let code = use_query_map().with_untracked(|q| q.get("problem"));
    Signal::stored(
        code.and_then(|code| UploadProblem::parse(&code).ok())
            .map(|p| AppError::from(domain::FieldErrors::single(p.field(), p.label()))),
    )
}

fn field_problem(error: FormError, field: &'static str) -> Option<String> {
    error.get_untracked().and_then(|e| {
        e.field_errors()
            .and_then(|f| f.get(field))
            .map(str::to_owned)
    })
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let imports = Resource::new(|| (), |_| list_imports());
    let error = upload_error();
    let file_problem = field_problem(error, "file");
    let group = |problem: &Option<String>| {
        if problem.is_some() {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    };
    let message = |problem: Option<String>, id: &'static str| {
        problem.map(|m| view! {
            <p id=id class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p>
        })
    };
    let forces = domain::evidence::FORCES
        .iter()
        .map(|f| (f.slug.to_owned(), f.name.to_owned()))
        .collect::<Vec<_>>();
    view! {
        <Title text="Import stop and search data"/>
        <a href="/evidence" class="govuk-back-link">"Back to the evidence"</a>
        <ErrorSummary error/>
        <h1 class="govuk-heading-l">"Import stop and search data"</h1>
        <p class="govuk-body">
            "Download a force's stop and search files from "
            <a class="govuk-link" href="https://data.police.uk/data/" rel="noreferrer">"data.police.uk"</a>
            " (choose the force, the months and “Include stop and search data”) and import the zip it gives you as it is, or its monthly CSV files. A month imported again replaces the one before."
        </p>
        <super::UploadProgress>
        <form method="post" action="/evidence/upload" enctype="multipart/form-data" class="app-upload" novalidate>
            <div class=group(&file_problem)>
                <label class="govuk-label govuk-label--s" for="file">"Files"</label>
                <div id="file-hint" class="govuk-hint">"One or more CSV files named like 2026-09-west-midlands-stop-and-search.csv, or the zip of monthly folders"</div>
                {message(file_problem.clone(), "file-error")}
                <input class="govuk-file-upload" id="file" name="file" type="file" multiple accept=".csv,.zip,text/csv,application/zip" aria-describedby="file-hint"/>
            </div>
            <details class="govuk-details">
                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"The file name does not say the force or month"</span></summary>
                <div class="govuk-details__text">
                    <ChooseField label="Force" name="force" error options=forces empty="As the file name says"/>
                    <TextField label="Month" name="month" error hint="Like 2026-09" width_class="govuk-input--width-10"/>
                </div>
            </details>
            <div class="govuk-form-group">
                <div class="govuk-checkboxes govuk-checkboxes--small">
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="skip" name="skip" type="checkbox" value="on" aria-describedby="skip-hint"/>
                        <label class="govuk-label govuk-checkboxes__label" for="skip">"Skip rows that cannot be read"</label>
                        <div id="skip-hint" class="govuk-hint govuk-checkboxes__hint">"Otherwise a file with any such row is not imported, and its problems are listed so that it can be corrected"</div>
                    </div>
                </div>
            </div>
            <button type="submit" class="govuk-button">"Import"</button>
        </form>
        </super::UploadProgress>
        {crate::components::loaded(imports, |list| view! { <ImportsTable list caption="Latest imports"/> }.into_any())}
    }
}

#[component]
pub fn ImportsTable(list: Vec<ImportReport>, caption: &'static str) -> impl IntoView {
    if list.is_empty() {
        return view! { <p class="govuk-body">"Nothing has been imported yet."</p> }.into_any();
    }
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"File"</th>
                    <th scope="col" class="govuk-table__header">"Force and month"</th>
                    <th scope="col" class="govuk-table__header">"Result"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Rows"</th>
                    <th scope="col" class="govuk-table__header">"When"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {list.into_iter().map(|r| view! {
                    <tr class="govuk-table__row">
                        <td data-label="File" class="govuk-table__cell"><a class="govuk-link" href=format!("/evidence/imports/{}", r.id)>{r.file_name.clone()}</a></td>
                        <td data-label="Force and month" class="govuk-table__cell">{format!("{}, {}", r.force_name, r.month.long())}</td>
                        <td data-label="Result" class="govuk-table__cell">{result(&r)}</td>
                        <td data-label="Rows" class="govuk-table__cell govuk-table__cell--numeric">{r.rows_imported}</td>
                        <td data-label="When" class="govuk-table__cell">{r.at.clone()}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
    .into_any()
}

fn result(r: &ImportReport) -> String {
    match (r.imported, r.rows_skipped) {
        (false, _) => format!("Not imported: {} problems", r.problems_total),
        (true, 0) => "Imported".to_owned(),
        (true, n) => format!("Imported, {n} rows skipped"),
    }
}

#[component]
pub fn ImportRecordPage() -> impl IntoView {
    let id = crate::meetings::page_id();
    let report = Resource::new(id, get_import);
    view! {
        <a href="/evidence/import" class="govuk-back-link">"Back to imports"</a>
        {crate::components::loaded(report, |r| view! { <ImportRecord r/> }.into_any())}
    }
}

#[component]
fn ImportRecord(r: ImportReport) -> impl IntoView {
    let heading = if r.imported {
        "File imported"
    } else {
        "File not imported"
    };
    let rows = [
        ("File", r.file_name.clone()),
        ("Force", r.force_name.clone()),
        ("Month", r.month.long()),
        ("Rows read", r.rows_read.to_string()),
        ("Rows imported", r.rows_imported.to_string()),
        ("Rows skipped", r.rows_skipped.to_string()),
        ("Searches of vehicles only", r.vehicle_only.to_string()),
        ("Imported by", r.by.clone()),
        ("When", r.at.clone()),
        ("SHA-256 of the file", r.checksum.clone()),
    ];
    let explanation = if r.imported {
        if r.rows_skipped > 0 {
            format!(
                "{} rows could not be read and were skipped; they are listed below.",
                r.rows_skipped
            )
        } else {
            "Every row was read.".to_owned()
        }
    } else {
        format!(
            "{} problems were found, so nothing from this file was saved. Correct the rows below and import the file again, or import it again choosing to skip the rows that cannot be read.",
            r.problems_total
        )
    };
    let shown = r.problems.len() as u64;
    let more = (r.problems_total > shown).then(|| {
        view! { <p class="govuk-body">{format!("The first {shown} of {} problems are listed.", r.problems_total)}</p> }
    });
    view! {
        <Title text=format!("{heading}: {}", r.file_name)/>
        <span class="govuk-caption-l">"Import record"</span>
        <h1 class="govuk-heading-l">{heading}</h1>
        <p class="govuk-body">{explanation}</p>
        <dl class="govuk-summary-list">
            {rows.into_iter().map(|(k, v)| view! {
                <div class="govuk-summary-list__row">
                    <dt class="govuk-summary-list__key">{k}</dt>
                    <dd class="govuk-summary-list__value app-break">{v}</dd>
                </div>
            }).collect::<Vec<_>>()}
        </dl>
        {(!r.problems.is_empty()).then(|| problems_table("Rows that could not be read", &r.problems))}
        {more}
        <p class="govuk-body"><a class="govuk-link" href="/evidence">"See the figures"</a></p>
    }
}

/// The rows of a file that could not be read: line, column and why.
pub(super) fn problems_table(
    caption: &'static str,
    problems: &[domain::evidence::RowProblem],
) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Line"</th>
                    <th scope="col" class="govuk-table__header">"Column"</th>
                    <th scope="col" class="govuk-table__header">"Problem"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {problems.iter().map(|p| view! {
                    <tr class="govuk-table__row">
                        <td data-label="Line" class="govuk-table__cell govuk-table__cell--numeric">{p.line}</td>
                        <td data-label="Column" class="govuk-table__cell">{p.column.clone()}</td>
                        <td data-label="Problem" class="govuk-table__cell">{p.reason.clone()}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}
