//! The evidence page's figures for an address: the filter read (defaults filled in from
//! the data), the figures, the trend, and the choices the filter form offers.

use domain::evidence::{EvidenceFilter, EvidenceView, Period, FORCES};
use domain::roles;

use super::figures::{self, FigureQuery};
use super::{on_questions, populations, records, thresholds};
use crate::audit::Actor;
use crate::{Db, Result};

/// The page for an address.
pub async fn page(db: &Db, actor: &Actor, query: &str) -> Result<EvidenceView> {
    actor.require(roles::EVERYONE)?;
    let (filter, invalid) = match EvidenceFilter::from_query(query) {
        Ok(f) => (f, None),
        Err(errors) => (EvidenceFilter::default(), Some(errors)),
    };
    let mut with_data = records::forces_with_data(db).await?;
    // The force the office oversees heads the list.
    if let Some(ours) = super::settings::get(db).await?.our_force {
        if let Some(at) = with_data.iter().position(|f| f.slug == ours) {
            let force = with_data.remove(at);
            with_data.insert(0, force);
        }
    }
    let mut forces: Vec<(String, String)> = with_data
        .iter()
        .map(|f| (f.slug.to_owned(), f.name.to_owned()))
        .collect();
    forces.extend(
        FORCES
            .iter()
            .filter(|f| !with_data.contains(f))
            .map(|f| (f.slug.to_owned(), f.name.to_owned())),
    );
    let tables = populations::tables(db).await?;
    let can_import = actor.require(roles::OFFICE).is_ok();
    let can_judge = actor.require(roles::ASSESSORS).is_ok();
    let thresholds = thresholds::list(db).await?;
    let questions = if can_import {
        on_questions::questions_to_attach_to(db, actor).await?
    } else {
        Vec::new()
    };
    let Some(query) = figures::resolve(db, &filter).await? else {
        return Ok(EvidenceView {
            filter,
            invalid,
            figures: None,
            trend: Vec::new(),
            forces,
            legislations: Vec::new(),
            tables,
            can_import,
            can_judge,
            thresholds,
            published: false,
            questions,
        });
    };
    let figures = figures::disproportionality(db, actor, &query).await?;
    // The trend runs over the period, or the 12 months to its end when it is shorter.
    let trend_query = FigureQuery {
        period: if query.period.months().count() < 12 {
            Period::Rolling12(query.period.last())
        } else {
            query.period
        },
        ..query.clone()
    };
    let trend = figures::trend(db, actor, &trend_query).await?;
    let legislations = figures::legislations(db, query.force).await?;
    let published = thresholds::is_published(db, query.force).await?;
    Ok(EvidenceView {
        filter: EvidenceFilter {
            force: Some(query.force.slug.to_owned()),
            period: Some(query.period),
            legislation: query.legislation.clone(),
            basis: Some(query.basis),
            table: figures.denominator.as_ref().map(|d| d.table_id),
        },
        invalid,
        figures: Some(figures),
        trend,
        forces,
        legislations,
        tables,
        can_import,
        can_judge,
        thresholds,
        published,
        questions,
    })
}
