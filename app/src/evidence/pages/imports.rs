//! Importing data.police.uk's files: the upload form (a plain multipart form, handled by
//! `server::evidence`, so it works without JavaScript), the latest imports, and each
//! import's record with the rows it refused or skipped.

use domain::evidence::{ImportReport, UploadProblem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use leptos::form::ActionForm;

use crate::components::{ChooseField, ErrorSummary, FormError, SuccessBanner, TextField};
use crate::evidence::server::{evidence_settings, get_import, kept_upload, list_imports};
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
    let settings = Resource::new(|| (), |_| evidence_settings());
    // A file kept because its name did not say the force or month: chosen again for them.
    let token = use_query_map()
        .with_untracked(|q| q.get("kept"))
        .unwrap_or_default();
    let kept = Resource::new(
        {
            let token = token.clone();
            move || token.clone()
        },
        kept_upload,
    );
    let saved = crate::meetings::flag_message(
        "saved",
        &[
            (
                "force",
                "The force the office oversees was saved: the evidence pages open on it",
            ),
            ("fewest", "The fewest searches compared was saved"),
        ],
    );
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
        <SuccessBanner message=saved/>
        <ErrorSummary error/>
        <h1 class="govuk-heading-l">"Import stop and search data"</h1>
        <p class="govuk-body">
            "Download a force's stop and search files from "
            <a class="govuk-link" href="https://data.police.uk/data/" rel="noreferrer">"data.police.uk"</a>
            " (choose the force, the months and “Include stop and search data”) and import the zip it gives you as it is, or its monthly CSV files. A month imported again replaces the one before."
        </p>
        <super::UploadProgress>
        <form method="post" action="/evidence/upload" enctype="multipart/form-data" class="app-upload" novalidate>
            <Suspense fallback=|| ()>
                {move || kept.get().and_then(Result::ok).flatten().map(|name| view! {
                    <div class="govuk-inset-text">
                        {format!("Your file {name} is kept: choose its force and month below and import it, without choosing it again.")}
                        <input type="hidden" name="kept" value=token.clone()/>
                    </div>
                })}
            </Suspense>
            <div class=group(&file_problem)>
                <label class="govuk-label govuk-label--s" for="file">"Files"</label>
                <div id="file-hint" class="govuk-hint">"One or more CSV files named like 2026-09-west-midlands-stop-and-search.csv, or the zip of monthly folders"</div>
                {message(file_problem.clone(), "file-error")}
                <input class="govuk-file-upload" id="file" name="file" type="file" multiple accept=".csv,.zip,text/csv,application/zip" aria-describedby="file-hint"/>
            </div>
            <details class="govuk-details" open=field_problem(error, "force").is_some() || field_problem(error, "month").is_some()>
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
                    <div class="govuk-checkboxes__item">
                        <input class="govuk-checkboxes__input" id="check" name="check" type="checkbox" value="on" aria-describedby="check-hint"/>
                        <label class="govuk-label govuk-checkboxes__label" for="check">"Check only"</label>
                        <div id="check-hint" class="govuk-hint govuk-checkboxes__hint">"Say what would be imported, by legislation and group, and what would be asked or skipped; change nothing"</div>
                    </div>
                </div>
            </div>
            <button type="submit" class="govuk-button">"Import"</button>
        </form>
        </super::UploadProgress>
        {crate::components::loaded(imports, |list| view! { <ImportsTable list caption="Latest imports"/> }.into_any())}
        {crate::components::loaded(settings, |s| view! { <Settings s/> }.into_any())}
    }
}

/// The force the office oversees (admins) and the fewest searches compared (admins and the
/// Commissioner).
#[component]
fn Settings(s: crate::evidence::server::Settings) -> impl IntoView {
    let force_action = ServerAction::<crate::evidence::server::SetOurForce>::new();
    let fewest_action = ServerAction::<crate::evidence::server::SetFewestSearches>::new();
    let force_error: FormError = Signal::derive(move || {
        force_action
            .value()
            .try_get()
            .flatten()
            .and_then(Result::err)
    });
    let fewest_error: FormError = Signal::derive(move || {
        fewest_action
            .value()
            .try_get()
            .flatten()
            .and_then(Result::err)
    });
    let forces = domain::evidence::FORCES
        .iter()
        .map(|f| (f.slug.to_owned(), f.name.to_owned()))
        .collect::<Vec<_>>();
    let ours = s.settings.our_force.clone().unwrap_or_default();
    let ours_name = domain::evidence::Force::by_slug(&ours)
        .map(|f| f.name.to_owned())
        .unwrap_or_else(|| {
            "not set: the pages open on the force imported most recently".to_owned()
        });
    let fewest = s.settings.fewest_searches.to_string();
    view! {
        <h2 class="govuk-heading-m" id="settings">"Settings"</h2>
        <dl class="govuk-summary-list">
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"The force the office oversees"</dt>
                <dd class="govuk-summary-list__value">{ours_name}</dd>
            </div>
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">"Fewest searches compared"</dt>
                <dd class="govuk-summary-list__value">{format!("{fewest}: a group (or the White group) with fewer searches is greyed as too few to compare, never flagged")}</dd>
            </div>
        </dl>
        {s.may_set_force.then(|| view! {
            <ErrorSummary error=force_error/>
            <ActionForm action=force_action attr:novalidate=true>
                <ChooseField label="The force the office oversees" name="force" error=force_error options=forces value=ours.clone() empty="Choose a force"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Save the force"</button>
            </ActionForm>
        })}
        {s.may_set_fewest.then(|| view! {
            <ErrorSummary error=fewest_error/>
            <ActionForm action=fewest_action attr:novalidate=true>
                <TextField label="Fewest searches compared" name="fewest" error=fewest_error value=fewest.clone()
                    hint="A whole number; 20 is usual: below it a ratio changes by chance more than by practice" width_class="govuk-input--width-4"/>
                <button type="submit" class="govuk-button govuk-button--secondary">"Save the fewest searches"</button>
            </ActionForm>
        })}
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
    if r.continued_as.is_some() {
        return format!("Labels mapped ({}), then imported", r.unknown_labels.len());
    }
    if r.asks() {
        return format!("Waiting: {} labels to map", r.unknown_labels.len());
    }
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
    let heading = if r.checked_only {
        "File checked: nothing imported"
    } else if r.continued_as.is_some() {
        "Labels mapped: the file was then imported"
    } else if r.asks() {
        "Labels to map before the import continues"
    } else if r.imported {
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
    let explanation = if r.checked_only {
        let searches: u64 = r.checked.iter().map(|c| c.searches).sum();
        format!(
            "Nothing was saved. Imported, the file would add {searches} searches of persons (below, by legislation and group){}.",
            if r.problems_total > 0 {
                format!("; {} problems were found, so it would be refused unless rows that cannot be read are skipped", r.problems_total)
            } else {
                String::new()
            }
        )
    } else if r.continued_as.is_some() {
        "The file used labels no one had said the meaning of. Their meanings were saved, and the file was imported with them: see the import below.".to_owned()
    } else if r.asks() {
        "The file uses labels no one has said the meaning of yet. Say what each means below: it is kept for every later import, and this file is then imported. Nothing from it is saved until then.".to_owned()
    } else if r.imported {
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
        {r.spreadsheet_edited.then(|| view! {
            <div class="govuk-inset-text">"The file looks as if it was edited in a spreadsheet: dates, TRUE/FALSE or the age range 10-17 (shown as “Oct-17”) were rewritten. They were read all the same; check the file against data.police.uk's own if the figures look wrong."</div>
        })}
        {r.continued_as.map(|id| view! {
            <p class="govuk-body"><a class="govuk-link" href=format!("/evidence/imports/{id}")>{format!("The import of {} with the labels mapped", r.file_name)}</a></p>
        })}
        {r.asks().then(|| view! { <AskLabels r=r.clone()/> })}
        {r.checked_only.then(|| checked_table(&r.checked))}
        {(!r.asks() && !r.unknown_labels.is_empty()).then(|| unknown_table(
            if r.checked_only { "Labels no one has said the meaning of: importing would ask about them" } else { "Labels that were asked about" },
            &r.unknown_labels,
        ))}
        {(!r.problems.is_empty()).then(|| problems_table("Rows that could not be read", &r.problems))}
        {more}
        <p class="govuk-body"><a class="govuk-link" href="/evidence">"See the figures"</a></p>
    }
}

/// Labels a file used that no one had mapped, with how many rows used each.
fn unknown_table(
    caption: &'static str,
    labels: &[domain::evidence::UnknownLabel],
) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Column"</th>
                    <th scope="col" class="govuk-table__header">"Label"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Rows"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {labels.iter().map(|u| view! {
                    <tr class="govuk-table__row">
                        <td data-label="Column" class="govuk-table__cell">{u.kind.label()}</td>
                        <td data-label="Label" class="govuk-table__cell app-break">{u.label.clone()}</td>
                        <td data-label="Rows" class="govuk-table__cell govuk-table__cell--numeric">{u.count}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

/// What a check found would be imported.
fn checked_table(checked: &[domain::evidence::CheckedCount]) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">"What would be imported: searches of persons"</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Legislation"</th>
                    <th scope="col" class="govuk-table__header">"Self-defined ethnic group"</th>
                    <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Searches"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {checked.iter().map(|c| view! {
                    <tr class="govuk-table__row">
                        <td data-label="Legislation" class="govuk-table__cell">{if c.legislation.is_empty() { "Not recorded".to_owned() } else { c.legislation.clone() }}</td>
                        <td data-label="Group" class="govuk-table__cell">{domain::evidence::BroadGroup::parse(&c.group).map(|g| g.label().to_owned()).unwrap_or_else(|_| "Not stated or not known".to_owned())}</td>
                        <td data-label="Searches" class="govuk-table__cell govuk-table__cell--numeric">{c.searches}</td>
                    </tr>
                }).collect::<Vec<_>>()}
            </tbody>
        </table>
    }
}

/// The question a file's unknown labels put: each with its count, and what it means.
#[component]
fn AskLabels(r: ImportReport) -> impl IntoView {
    let answer = ServerAction::<crate::evidence::server::AnswerLabels>::new();
    let error: FormError = crate::components::form_error(answer);
    view! {
        <ErrorSummary error/>
        <ActionForm action=answer attr:novalidate=true>
            <input type="hidden" name="id" value=r.id.to_string()/>
            {r.unknown_labels.iter().enumerate().map(|(i, u)| {
                let key = format!("meaning_{i}");
                let options: Vec<(String, String)> = services_choices(u.kind);
                let message = {
                    let key = key.clone();
                    move || error.try_with(|e| e.as_ref().and_then(|e| e.field_errors()).and_then(|f| f.get(&key)).map(str::to_owned)).flatten()
                };
                let chosen = error.try_with_untracked(|e| e.as_ref().and_then(|e| e.value(&format!("meaning_{i}"))).map(str::to_owned)).flatten().unwrap_or_default();
                view! {
                    <div class="govuk-form-group">
                        <label class="govuk-label" for=key.clone()>
                            {format!("{} “{}” ({} rows): what it means", u.kind.label(), u.label, u.count)}
                        </label>
                        {move || message().map(|m| view! { <p class="govuk-error-message"><span class="govuk-visually-hidden">"Error: "</span>{m}</p> })}
                        <select class="govuk-select" id=key name=format!("meaning[{i}]")>
                            <option value="">"Choose…"</option>
                            {options.into_iter().map(|(value, label)| {
                                let selected = value == chosen;
                                view! { <option value=value selected=selected>{label}</option> }
                            }).collect::<Vec<_>>()}
                        </select>
                    </div>
                }
            }).collect::<Vec<_>>()}
            <button type="submit" class="govuk-button">"Save the meanings and import the file"</button>
        </ActionForm>
    }
}

/// The meanings a label of `kind` may be given (as the labels service takes them).
fn services_choices(kind: domain::evidence::LabelKind) -> Vec<(String, String)> {
    let pairs: Vec<(&str, &str)> = match kind {
        domain::evidence::LabelKind::Ethnicity => domain::evidence::BroadGroup::options()
            .into_iter()
            .chain([("not_stated", "Not stated")])
            .collect(),
        domain::evidence::LabelKind::Outcome => domain::evidence::Outcome::options(),
    };
    pairs
        .into_iter()
        .map(|(v, l)| (v.to_owned(), l.to_owned()))
        .collect()
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
