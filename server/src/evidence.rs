//! The evidence area's files, served outside Leptos: the upload of data.police.uk files
//! (multipart, streamed to a temporary file, never held whole in memory), and the figures'
//! tables as CSV.

use std::io::Write;

use app::context::{AppState, Caller};
use axum::extract::{Multipart, RawQuery};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use domain::evidence::{BroadGroup, UploadProblem};
use services::common::spooled::Spooled;
use services::evidence::files::{self, Choices};
use services::evidence::kept;

/// The largest upload taken at once: a year of the largest force, zipped, is far less.
pub const UPLOAD_LIMIT: usize = 1024 * 1024 * 1024;

fn back(problem: UploadProblem) -> Response {
    Redirect::to(&format!("/evidence/import?problem={}", problem.as_str())).into_response()
}

/// `POST /evidence/upload`: one or more files (or a zip), the force and month if the names
/// do not say, and whether to skip bad rows. Answers with the import's record, or the
/// latest imports when there were several.
pub async fn import_upload(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    mut multipart: Multipart,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Fevidence%2Fimport").into_response();
    }
    let actor = caller.actor();
    if let Err(error) = actor.require(domain::roles::OFFICE) {
        return crate::refusal::refused(error);
    }
    let mut uploads: Vec<(String, Spooled)> = Vec::new();
    let mut choices = Choices::default();
    let mut kept_token: Option<String> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(error = %error, "an upload could not be read");
                return back(UploadProblem::TooLarge);
            }
        };
        match field.name().unwrap_or_default() {
            "file" => {
                let name = field.file_name().unwrap_or_default().to_owned();
                if name.is_empty() {
                    continue;
                }
                let spooled = Spooled::new();
                let Ok(mut out) = std::fs::File::create(&spooled.path) else {
                    return crate::refusal::refused(services::Error::Unexpected(anyhow::anyhow!(
                        "could not create a temporary file for an upload"
                    )));
                };
                let mut field = field;
                let mut bytes = 0usize;
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            bytes += chunk.len();
                            if out.write_all(&chunk).is_err() {
                                return crate::refusal::refused(services::Error::Unexpected(
                                    anyhow::anyhow!("could not write an upload to disk"),
                                ));
                            }
                        }
                        Ok(None) => break,
                        Err(_) => return back(UploadProblem::TooLarge),
                    }
                }
                if bytes > 0 {
                    uploads.push((name, spooled));
                }
            }
            "force" => match short_text(field).await {
                Some(text) => choices.force = Some(text),
                None => return back(UploadProblem::BadForce),
            },
            "month" => match short_text(field).await {
                Some(text) => choices.month = Some(text),
                None => return back(UploadProblem::BadMonth),
            },
            "skip" => choices.skip_bad_rows = true,
            "check" => choices.check_only = true,
            "kept" => match short_text(field).await {
                Some(token) => kept_token = Some(token),
                None => return back(UploadProblem::NoFile),
            },
            _ => {}
        }
    }
    // The file kept from an upload whose name did not say its force or month, when no
    // file was chosen again.
    let mut used_kept = None;
    if uploads.is_empty() {
        if let Some(token) = kept_token.as_deref() {
            match kept::take(&state.db, &actor, kept::Which::Token(token)).await {
                Ok(Some(file)) => {
                    used_kept = Some(file.id);
                    uploads.push((file.file_name, file.spooled));
                }
                Ok(None) => {}
                Err(error) => return crate::refusal::refused(error),
            }
        }
    }
    if uploads.is_empty() {
        return back(UploadProblem::NoFile);
    }
    let mut ids = Vec::new();
    let one = uploads.len() == 1;
    for (name, spooled) in &uploads {
        match files::import_path(&state.db, &actor, &spooled.path, name, &choices, &|_, _| {}).await
        {
            Ok(Ok(outcome)) => ids.extend(outcome.reports.iter().map(|r| r.id)),
            Ok(Err(
                problem @ (UploadProblem::NoForce
                | UploadProblem::NoMonth
                | UploadProblem::BadForce
                | UploadProblem::BadMonth),
            )) if one => {
                // Kept, so that choosing the force or month is all that is left to do.
                let token = match used_kept {
                    Some(_) => kept_token.clone(),
                    None => kept::keep(
                        &state.db,
                        &actor,
                        &spooled.path,
                        name,
                        choices.skip_bad_rows,
                    )
                    .await
                    .ok()
                    .flatten()
                    .map(|(_, token)| token),
                };
                return match token {
                    Some(token) => Redirect::to(&format!(
                        "/evidence/import?problem={}&kept={}",
                        problem.as_str(),
                        app::routes::encode_query_value(&token)
                    ))
                    .into_response(),
                    None => back(problem),
                };
            }
            Ok(Err(problem)) => return back(problem),
            Err(error) => return crate::refusal::refused(error),
        }
    }
    if let Some(id) = used_kept {
        let _ = kept::remove(&state.db, id).await;
    }
    match ids.as_slice() {
        [id] => Redirect::to(&format!("/evidence/imports/{id}")).into_response(),
        _ => Redirect::to(&format!("/evidence/import?imported={}", ids.len())).into_response(),
    }
}

/// The most a text field of the upload form may hold: a force's slug or a month is short.
const FIELD_LIMIT: usize = 256;

/// A short text field, read a chunk at a time and given up on past [`FIELD_LIMIT`] (a
/// 400 MB "force" was once buffered whole).
async fn short_text(mut field: axum::extract::multipart::Field<'_>) -> Option<String> {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if bytes.len() + chunk.len() > FIELD_LIMIT {
            return None;
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).ok()
}

pub(crate) fn csv_response(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn number(value: f64, places: usize) -> String {
    format!("{value:.places$}")
}

/// `GET /evidence/csv/{rates,outcomes,trend}.csv?…`: a table of the evidence page, for the same
/// address.
pub async fn figures_csv(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    axum::extract::Path(file): axum::extract::Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Fevidence").into_response();
    }
    let table = match file.as_str() {
        "rates.csv" | "outcomes.csv" | "trend.csv" => file.trim_end_matches(".csv"),
        _ => return crate::refusal::refused(services::Error::NotFound),
    };
    let page = match services::evidence::page::page(
        &state.db,
        &caller.actor(),
        query.as_deref().unwrap_or_default(),
    )
    .await
    {
        Ok(page) => page,
        Err(error) => return crate::refusal::refused(error),
    };
    let Some(figures) = page.figures else {
        return crate::refusal::refused(services::Error::NotFound);
    };
    let denominator = figures
        .denominator
        .as_ref()
        .map(|d| d.label())
        .unwrap_or_default();
    let legislation = figures
        .legislation
        .clone()
        .unwrap_or_else(|| "All".to_owned());
    let context = [
        figures.force_name.clone(),
        figures.period.label(),
        legislation,
        figures.basis.label().to_owned(),
    ];
    let mut csv;
    match table {
        "rates" => {
            csv = services::common::csv::Writer::new(&[
                "force",
                "period",
                "legislation",
                "ethnicity",
                "group",
                "searches",
                "population",
                "rate_per_1000",
                "ratio_to_white",
                "ci_low",
                "ci_high",
                "not_computable",
                "ratio_if_unstated_all_white",
                "ratio_if_unstated_all_this_group",
                "unstated",
                "population_table",
            ]);
            for g in &figures.groups {
                let (ratio, low, high, why) = match &g.ratio {
                    Some(Ok(r)) => (
                        number(r.ratio, 4),
                        number(r.low, 4),
                        number(r.high, 4),
                        String::new(),
                    ),
                    Some(Err(e)) => (
                        String::new(),
                        String::new(),
                        String::new(),
                        e.reason().to_owned(),
                    ),
                    None => ("1".to_owned(), String::new(), String::new(), String::new()),
                };
                let why = match (&g.rate, why.is_empty()) {
                    (Err(e), true) => e.reason().to_owned(),
                    _ => why,
                };
                let (least, most) = match &g.unstated_range {
                    Some(Ok((a, b))) => (number(*a, 4), number(*b, 4)),
                    _ => (String::new(), String::new()),
                };
                let rate = g.rate.as_ref().map(|r| number(*r, 4)).unwrap_or_default();
                let row = [
                    context[0].clone(),
                    context[1].clone(),
                    context[2].clone(),
                    context[3].clone(),
                    g.group.label().to_owned(),
                    g.searches.to_string(),
                    g.population.to_string(),
                    rate,
                    ratio,
                    low,
                    high,
                    why,
                    least,
                    most,
                    figures.unstated.to_string(),
                    denominator.clone(),
                ];
                csv.row(&row.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
        "outcomes" => {
            csv = services::common::csv::Writer::new(&[
                "force",
                "period",
                "legislation",
                "ethnicity",
                "group",
                "searches",
                "outcome_recorded",
                "arrests",
                "no_further_action",
                "linked_to_object",
                "linked_recorded",
            ]);
            for g in &figures.groups {
                let row = [
                    context[0].clone(),
                    context[1].clone(),
                    context[2].clone(),
                    context[3].clone(),
                    g.group.label().to_owned(),
                    g.searches.to_string(),
                    g.outcome_recorded.to_string(),
                    g.arrests.to_string(),
                    g.no_further_action.to_string(),
                    g.linked.to_string(),
                    g.linked_recorded.to_string(),
                ];
                csv.row(&row.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
        _ => {
            let mut headings = vec!["force", "month", "searches"];
            let names: Vec<String> = BroadGroup::COMPARED
                .iter()
                .flat_map(|g| {
                    let n = g.as_str();
                    [
                        format!("{n}_ratio"),
                        format!("{n}_ci_low"),
                        format!("{n}_ci_high"),
                    ]
                })
                .collect();
            headings.extend(names.iter().map(String::as_str));
            csv = services::common::csv::Writer::new(&headings);
            for point in &page.trend {
                let mut row = vec![
                    figures.force_name.clone(),
                    point.month.to_string(),
                    point.searches.to_string(),
                ];
                for (_, ratio) in &point.ratios {
                    match ratio {
                        Ok(r) => {
                            row.extend([number(r.ratio, 4), number(r.low, 4), number(r.high, 4)])
                        }
                        Err(_) => row.extend([String::new(), String::new(), String::new()]),
                    }
                }
                csv.row(&row.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
    }
    csv_response(&format!("stop-and-search-{table}.csv"), csv.finish())
}

/// `GET /evidence/population-template.csv`.
pub async fn population_template() -> Response {
    csv_response(
        "population-template.csv",
        services::evidence::populations::TEMPLATE.to_owned(),
    )
}

/// `GET /equality/report.csv?year=YYYY`: the annual equality report as CSV, for the office.
pub async fn equality_report_csv(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Fequality%2Freport").into_response();
    }
    let year = match query.get("year").map(|y| y.trim().parse::<i32>()) {
        Some(Ok(year)) => year,
        None => services::equality::financial_year_of(services::common::london::today()),
        Some(Err(_)) => {
            return crate::refusal::refused(services::Error::invalid(
                "year",
                "Enter a year such as 2026 (for 2026/27)",
            ))
        }
    };
    match services::equality::report::report(&state.db, &caller.actor(), year).await {
        Ok(report) => csv_response(
            &format!("equality-report-{year}.csv"),
            services::equality::report::to_csv(&report),
        ),
        Err(error) => crate::refusal::refused(error),
    }
}

/// `POST /evidence/complaints/upload`: one complaints CSV. Answers with the import's
/// record: what was imported, or every problem by line with nothing saved.
pub async fn complaints_upload(
    Extension(state): Extension<AppState>,
    Extension(caller): Extension<Caller>,
    mut multipart: Multipart,
) -> Response {
    if caller.user.is_none() {
        return Redirect::to("/sign-in?next=%2Fevidence%2Fcomplaints").into_response();
    }
    let actor = caller.actor();
    if let Err(error) = actor.require(domain::roles::OFFICE) {
        return crate::refusal::refused(error);
    }
    let back = |problem: &str| {
        Redirect::to(&format!("/evidence/complaints?problem={problem}#import")).into_response()
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("file") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let mut field = field;
                let mut bytes = Vec::new();
                loop {
                    match field.chunk().await {
                        Ok(Some(chunk)) => {
                            if bytes.len() + chunk.len() > services::evidence::complaints::MAX_BYTES
                            {
                                return back("large");
                            }
                            bytes.extend_from_slice(&chunk);
                        }
                        Ok(None) => break,
                        Err(_) => return back("large"),
                    }
                }
                if !name.is_empty() {
                    file = Some((name, bytes));
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(error) => {
                tracing::warn!(error = %error, "a complaints upload could not be read");
                return back("large");
            }
        }
    }
    let Some((name, bytes)) = file else {
        return back("missing");
    };
    match services::evidence::complaints::import(&state.db, &actor, &name, &bytes).await {
        Ok((id, _)) => Redirect::to(&format!("/evidence/complaints/imports/{id}")).into_response(),
        Err(error) => crate::refusal::refused(error),
    }
}

/// `GET /evidence/complaints-template.csv`.
pub async fn complaints_template() -> Response {
    csv_response(
        "complaints-template.csv",
        services::evidence::complaints::TEMPLATE.to_owned(),
    )
}
