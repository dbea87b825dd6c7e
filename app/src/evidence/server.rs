//! The evidence area's server functions, each thin over `services::evidence`. Files come
//! in through `server::evidence` (a plain multipart handler), not through these.

use domain::evidence::{Denominator, EvidenceView, ImportReport, LabelMeaning};
use leptos::prelude::*;

use crate::AppError;

#[server(endpoint = "evidence/figures")]
pub async fn evidence_figures(#[server(default)] query: String) -> Result<EvidenceView, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::page::page(&state.db, &actor, &query)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/imports")]
pub async fn list_imports() -> Result<Vec<ImportReport>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::records::imports(&state.db, &actor, 50)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/import")]
pub async fn get_import(id: String) -> Result<ImportReport, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::records::import(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

/// What the labels mean, and the population tables.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Meanings {
    pub ethnicity: Vec<LabelMeaning>,
    pub outcomes: Vec<LabelMeaning>,
    pub tables: Vec<(Denominator, bool)>,
    pub can_import: bool,
    /// The viewer may change what a label means (admins and the secretariat).
    pub may_map: bool,
}

/// `meaning[<i>]`: what the import's i-th unknown label means.
#[server(endpoint = "evidence/answer-labels")]
pub async fn answer_labels(
    id: String,
    #[server(default)] meaning: std::collections::BTreeMap<String, String>,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    let id = record_id(&id)?;
    let mut meanings = Vec::new();
    for (i, value) in &meaning {
        let Ok(i) = i.parse::<usize>() else { continue };
        if i < 1000 {
            meanings.resize(meanings.len().max(i + 1), String::new());
            meanings[i] = value.clone();
        }
    }
    let values: Vec<(String, String)> = meaning
        .iter()
        .map(|(i, v)| (format!("meaning_{i}"), v.clone()))
        .collect();
    let values: Vec<(&str, &str)> = values
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let report = services::evidence::labels::answer(&state.db, &actor, id, &meanings)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/evidence/imports/{}", report.id));
    Ok(())
}

#[server(endpoint = "evidence/map-label")]
pub async fn map_label(
    #[server(default)] kind: String,
    #[server(default)] label: String,
    #[server(default)] meaning: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    let values = [
        ("kind", kind.as_str()),
        ("label", &label),
        ("meaning", &meaning),
    ];
    let kind = domain::evidence::LabelKind::parse(&kind)
        .map_err(|m| refused(services::Error::invalid("kind", m), &values))?;
    services::evidence::labels::change(&state.db, &actor, kind, &label, &meaning)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect("/evidence/labels?saved=mapped");
    Ok(())
}

/// The office's evidence settings, and what the viewer may change of them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub settings: domain::evidence::EvidenceSettings,
    pub may_set_force: bool,
    pub may_set_fewest: bool,
}

#[server(endpoint = "evidence/settings")]
pub async fn evidence_settings() -> Result<Settings, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::OFFICE)
        .map_err(|e| refused(e, &[]))?;
    let settings = services::evidence::settings::get(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(Settings {
        settings,
        may_set_force: actor.require(domain::roles::ADMINS).is_ok(),
        may_set_fewest: actor
            .require(&[domain::Role::Admin, domain::Role::Commissioner])
            .is_ok(),
    })
}

#[server(endpoint = "evidence/our-force")]
pub async fn set_our_force(#[server(default)] force: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::settings::set_our_force(&state.db, &actor, &force)
        .await
        .map_err(|e| refused(e, &[("force", &force)]))?;
    leptos_axum::redirect("/evidence/import?saved=force");
    Ok(())
}

#[server(endpoint = "evidence/fewest-searches")]
pub async fn set_fewest_searches(#[server(default)] fewest: String) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::settings::set_fewest_searches(&state.db, &actor, &fewest)
        .await
        .map_err(|e| refused(e, &[("fewest", &fewest)]))?;
    leptos_axum::redirect("/evidence/import?saved=fewest");
    Ok(())
}

/// The name of the file kept for the viewer under `token`, if it is still kept.
#[server(endpoint = "evidence/kept-upload")]
pub async fn kept_upload(#[server(default)] token: String) -> Result<Option<String>, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::OFFICE)
        .map_err(|e| refused(e, &[]))?;
    services::evidence::kept::name(&state.db, &actor, &token)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/labels")]
pub async fn evidence_labels() -> Result<Meanings, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    actor
        .require(domain::roles::EVERYONE)
        .map_err(|e| refused(e, &[]))?;
    let (ethnicity, outcomes) = services::evidence::records::labels(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    let tables = services::evidence::populations::tables(&state.db)
        .await
        .map_err(|e| refused(e, &[]))?;
    Ok(Meanings {
        ethnicity,
        outcomes,
        tables,
        can_import: actor.require(domain::roles::OFFICE).is_ok(),
        may_map: actor.require(domain::roles::EDITORS).is_ok(),
    })
}

#[server(endpoint = "evidence/population-default")]
pub async fn choose_population_table(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::populations::choose_default(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/evidence/labels?saved=default");
    Ok(())
}

#[server(endpoint = "evidence/population-import")]
pub async fn import_population(
    #[server(default)] name: String,
    #[server(default)] source: String,
    #[server(default)] year: String,
    #[server(default)] table: String,
    #[server(default)] default: Option<String>,
) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let values = [
        ("name", name.as_str()),
        ("source", source.as_str()),
        ("year", year.as_str()),
        ("table", table.as_str()),
    ];
    let details = services::evidence::populations::TableDetails {
        name: name.trim().to_owned(),
        source: source.trim().to_owned(),
        year: year.trim().parse().unwrap_or(0),
    };
    let outcome = services::evidence::populations::import(
        &state.db,
        &actor,
        &details,
        default.is_some(),
        table.as_bytes(),
    )
    .await
    .map_err(|e| refused(e, &values))?;
    if let Err(problems) = outcome {
        let mut listed: Vec<String> = problems
            .iter()
            .take(10)
            .map(|p| format!("line {}, {}: {}", p.line, p.column, p.reason))
            .collect();
        if problems.len() > 10 {
            listed.push(format!("and {} more", problems.len() - 10));
        }
        let message = format!("The table was not imported. Correct {}", listed.join("; "));
        return Err(refused(services::Error::invalid("table", message), &values));
    }
    leptos_axum::redirect("/evidence/labels?saved=table");
    Ok(())
}

#[server(endpoint = "evidence/attach")]
pub async fn attach_figure(
    #[server(default)] question: String,
    #[server(default)] group: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting_as, refused};
    let (state, actor) = acting_as(domain::roles::OFFICE)?;
    let values = [("question", question.as_str()), ("group", group.as_str())];
    let id = question.trim().parse::<i64>().map_err(|_| {
        refused(
            services::Error::invalid("question", "Choose a question"),
            &values,
        )
    })?;
    services::evidence::on_questions::attach(&state.db, &actor, id, &group, &address)
        .await
        .map_err(|e| refused(e, &values))?;
    leptos_axum::redirect(&format!("/questions/{id}?saved=figure"));
    Ok(())
}

#[server(endpoint = "evidence/threshold-add")]
pub async fn add_threshold(
    #[server(default)] kind: String,
    #[server(default)] value: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::add(&state.db, &actor, &kind, &value)
        .await
        .map_err(|e| refused(e, &[("kind", &kind), ("value", &value)]))?;
    leptos_axum::redirect(&format!("/evidence?{address}#thresholds"));
    Ok(())
}

#[server(endpoint = "evidence/threshold-remove")]
pub async fn remove_threshold(
    id: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::remove(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/evidence?{address}#thresholds"));
    Ok(())
}

#[server(endpoint = "evidence/publish")]
pub async fn publish_evidence(
    force: String,
    publish: String,
    #[server(default)] address: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::thresholds::set_published(&state.db, &actor, &force, publish == "yes")
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect(&format!("/evidence?{address}"));
    Ok(())
}

#[server(endpoint = "evidence/question-figures")]
pub async fn question_figures(
    id: String,
) -> Result<Vec<domain::evidence::QuestionFigure>, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::on_questions::for_question(
        &state.db,
        &actor,
        record_id(&id)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/question-figures")]
pub async fn public_question_figures(
    id: String,
) -> Result<Vec<domain::evidence::QuestionFigure>, AppError> {
    use crate::context::{anyone, record_id, refused};
    let (state, _) = anyone()?;
    services::evidence::on_questions::for_public_question(
        &state.db,
        record_id(&id)?,
        &state.window(),
    )
    .await
    .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "public/evidence")]
pub async fn public_evidence(
    #[server(default)] force: String,
) -> Result<domain::evidence::PublicEvidence, AppError> {
    use crate::context::{anyone, refused};
    let (state, _) = anyone()?;
    let force = (!force.trim().is_empty()).then_some(force.trim());
    services::evidence::thresholds::public(&state.db, force)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/complaints")]
pub async fn complaints_page(
    #[server(default)] force: String,
) -> Result<domain::evidence::ComplaintsView, AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::page(&state.db, &actor, &force)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/complaint-import")]
pub async fn complaint_import(id: String) -> Result<domain::evidence::ComplaintImport, AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::import_record(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))
}

#[server(endpoint = "evidence/complaints-threshold-add")]
pub async fn add_complaint_threshold(
    #[server(default)] threshold_measure: String,
    #[server(default)] percent: String,
) -> Result<(), AppError> {
    use crate::context::{acting, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::add_threshold(&state.db, &actor, &threshold_measure, &percent)
        .await
        .map_err(|e| {
            refused(
                e,
                &[
                    ("threshold_measure", &threshold_measure),
                    ("percent", &percent),
                ],
            )
        })?;
    leptos_axum::redirect("/evidence/complaints?saved=threshold");
    Ok(())
}

#[server(endpoint = "evidence/complaints-threshold-remove")]
pub async fn remove_complaint_threshold(id: String) -> Result<(), AppError> {
    use crate::context::{acting, record_id, refused};
    let (state, actor) = acting()?;
    services::evidence::complaints::remove_threshold(&state.db, &actor, record_id(&id)?)
        .await
        .map_err(|e| refused(e, &[]))?;
    leptos_axum::redirect("/evidence/complaints?saved=removed");
    Ok(())
}
