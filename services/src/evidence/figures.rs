//! Disproportionality for a force, a period, a legislation and a basis: searches of persons
//! and rates per 1,000 by broad group, each group's ratio to the White rate with its Katz
//! interval, the searches with no ethnicity stated and what they could do to the ratio,
//! and the outcomes by group. Read from the kept counts, never from the records.

use std::collections::HashMap;

use domain::evidence::{
    katz_ratio, rate_per_1000, unstated_range, BroadGroup, Disproportionality, EthnicityBasis,
    EvidenceFilter, Force, GroupFigures, Month, Period, TrendPoint,
};
use domain::roles;
use sqlx::FromRow;

use super::populations;
use crate::audit::Actor;
use crate::db::codec::Key;
use crate::db::filter::Conditions;
use crate::{Db, Result};

/// What figures to compute.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureQuery {
    pub force: Force,
    pub period: Period,
    /// `None`: every legislation. `Some("")`: searches with no legislation recorded.
    pub legislation: Option<String>,
    pub basis: EthnicityBasis,
    /// A population table; `None` for the default.
    pub table: Option<i64>,
}

/// Counts for one group (or, with `group` empty, the unstated).
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    searches: u64,
    arrests: u64,
    no_further_action: u64,
    outcome_recorded: u64,
    linked: u64,
    linked_recorded: u64,
}

fn conditions(query: &FigureQuery, first: Month, last: Month) -> Conditions {
    let mut c = Conditions::default();
    c.add("force = ?", query.force.slug);
    c.add("basis = ?", query.basis.as_str());
    c.add("month >= ?", first.to_string());
    c.add("month <= ?", last.to_string());
    if let Some(legislation) = &query.legislation {
        c.add("legislation = ?", legislation.clone());
    }
    c
}

/// Counts by month and group over the query's period.
async fn counts(db: &Db, query: &FigureQuery) -> Result<Vec<(Month, String, Counts)>> {
    let c = conditions(query, query.period.first(), query.period.last());
    let sql = format!(
        "SELECT month, broad_group,
                CAST(SUM(searches) AS BIGINT) AS searches,
                CAST(SUM(arrests) AS BIGINT) AS arrests,
                CAST(SUM(no_further_action) AS BIGINT) AS nfa,
                CAST(SUM(outcome_recorded) AS BIGINT) AS outcome_recorded,
                CAST(SUM(linked) AS BIGINT) AS linked,
                CAST(SUM(linked_recorded) AS BIGINT) AS linked_recorded
         FROM stop_search_counts{} GROUP BY month, broad_group",
        c.sql()
    );
    let rows: Vec<CountsRow> = sqlx::query_as_with(&sql, c.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let n = |count: i64| count.max(0) as u64;
    Ok(rows
        .into_iter()
        .map(|row| {
            (
                row.month.0,
                row.broad_group,
                Counts {
                    searches: n(row.searches),
                    arrests: n(row.arrests),
                    no_further_action: n(row.nfa),
                    outcome_recorded: n(row.outcome_recorded),
                    linked: n(row.linked),
                    linked_recorded: n(row.linked_recorded),
                },
            )
        })
        .collect())
}

/// A month's sums for one group, as [`counts`] reads them.
#[derive(FromRow)]
struct CountsRow {
    month: Key<Month>,
    broad_group: String,
    searches: i64,
    arrests: i64,
    nfa: i64,
    outcome_recorded: i64,
    linked: i64,
    linked_recorded: i64,
}

fn add(total: &mut Counts, more: &Counts) {
    total.searches += more.searches;
    total.arrests += more.arrests;
    total.no_further_action += more.no_further_action;
    total.outcome_recorded += more.outcome_recorded;
    total.linked += more.linked;
    total.linked_recorded += more.linked_recorded;
}

/// The figures for a query.
pub async fn disproportionality(
    db: &Db,
    actor: &Actor,
    query: &FigureQuery,
) -> Result<Disproportionality> {
    actor.require(roles::EVERYONE)?;
    compute(db, query).await
}

/// The figures, for a reader already allowed them (the public, for published figures).
pub(crate) async fn compute(db: &Db, query: &FigureQuery) -> Result<Disproportionality> {
    let denominator = populations::chosen(db, query.table).await?;
    let people = match &denominator {
        Some(d) => populations::of_area(db, d.table_id, query.force.area_code).await?,
        None => HashMap::new(),
    };
    let mut by_group: HashMap<String, Counts> = HashMap::new();
    for (_, group, c) in counts(db, query).await? {
        add(by_group.entry(group).or_default(), &c);
    }
    let imports = months_imported(db, query.force, query.period).await?;
    let fewest = super::settings::get(db).await?.fewest_searches;
    let mut figures = figures(query, denominator, &people, &by_group, imports);
    figures.fewest_searches = fewest;
    Ok(figures)
}

/// Which months of the period have a file, and the vehicle-only searches they held.
async fn months_imported(db: &Db, force: Force, period: Period) -> Result<HashMap<Month, u64>> {
    let rows: Vec<(Key<Month>, i64)> = sqlx::query_as(
        "SELECT i.month AS month, i.vehicle_only AS vehicle_only FROM stop_search_imports i
         WHERE i.force = $1 AND i.month >= $2 AND i.month <= $3 AND i.outcome = 'imported'
           AND i.loading = 0
           AND i.id = (SELECT MAX(j.id) FROM stop_search_imports j
                       WHERE j.force = i.force AND j.month = i.month AND j.outcome = 'imported'
                         AND j.loading = 0)",
    )
    .bind(force.slug)
    .bind(period.first().to_string())
    .bind(period.last().to_string())
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(Key(month), vehicle_only)| (month, vehicle_only.max(0) as u64))
        .collect())
}

/// The arithmetic, apart from the database (tested by hand-computed cases).
fn figures(
    query: &FigureQuery,
    denominator: Option<domain::evidence::Denominator>,
    people: &HashMap<BroadGroup, u64>,
    by_group: &HashMap<String, Counts>,
    imports: HashMap<Month, u64>,
) -> Disproportionality {
    let of = |group: BroadGroup| by_group.get(group.as_str()).copied().unwrap_or_default();
    let unstated = by_group.get("").map(|c| c.searches).unwrap_or(0);
    let white = of(BroadGroup::White);
    let white_people = people.get(&BroadGroup::White).copied().unwrap_or(0);
    let groups = BroadGroup::ALL
        .iter()
        .map(|&group| {
            let c = of(group);
            let population = people.get(&group).copied().unwrap_or(0);
            let compared = group != BroadGroup::White;
            GroupFigures {
                group,
                searches: c.searches,
                population,
                rate: rate_per_1000(c.searches, population),
                ratio: compared
                    .then(|| katz_ratio(c.searches, population, white.searches, white_people)),
                unstated_range: compared.then(|| {
                    unstated_range(
                        c.searches,
                        population,
                        white.searches,
                        white_people,
                        unstated,
                    )
                }),
                arrests: c.arrests,
                no_further_action: c.no_further_action,
                outcome_recorded: c.outcome_recorded,
                linked: c.linked,
                linked_recorded: c.linked_recorded,
            }
        })
        .collect::<Vec<_>>();
    let stated: u64 = groups.iter().map(|g| g.searches).sum();
    Disproportionality {
        force_slug: query.force.slug.to_owned(),
        force_name: query.force.name.to_owned(),
        period: query.period,
        legislation: query.legislation.clone(),
        basis: query.basis,
        denominator,
        groups,
        unstated,
        person_searches: stated + unstated,
        vehicle_only: imports.values().sum(),
        months_missing: query
            .period
            .months()
            .filter(|m| !imports.contains_key(m))
            .collect(),
        fewest_searches: super::settings::FEWEST_SEARCHES,
    }
}

/// Each month's ratios over the query's period, for the trend chart.
pub async fn trend(db: &Db, actor: &Actor, query: &FigureQuery) -> Result<Vec<TrendPoint>> {
    actor.require(roles::EVERYONE)?;
    trend_of(db, query).await
}

pub(crate) async fn trend_of(db: &Db, query: &FigureQuery) -> Result<Vec<TrendPoint>> {
    let denominator = populations::chosen(db, query.table).await?;
    let people = match &denominator {
        Some(d) => populations::of_area(db, d.table_id, query.force.area_code).await?,
        None => HashMap::new(),
    };
    let mut by_month: HashMap<Month, HashMap<String, u64>> = HashMap::new();
    for (month, group, c) in counts(db, query).await? {
        *by_month.entry(month).or_default().entry(group).or_default() += c.searches;
    }
    let white_people = people.get(&BroadGroup::White).copied().unwrap_or(0);
    Ok(query
        .period
        .months()
        .map(|month| {
            let counts = by_month.remove(&month).unwrap_or_default();
            let of = |g: BroadGroup| counts.get(g.as_str()).copied().unwrap_or(0);
            TrendPoint {
                month,
                searches: counts.values().sum(),
                ratios: BroadGroup::COMPARED
                    .iter()
                    .map(|&g| {
                        (
                            g,
                            katz_ratio(
                                of(g),
                                people.get(&g).copied().unwrap_or(0),
                                of(BroadGroup::White),
                                white_people,
                            ),
                        )
                    })
                    .collect(),
            }
        })
        .collect())
}

/// The legislation a force's searches were made under, most used first ('' = not recorded).
pub async fn legislations(db: &Db, force: Force) -> Result<Vec<String>> {
    Ok(sqlx::query_scalar(
        "SELECT legislation FROM stop_search_counts
         WHERE force = $1 AND basis = 'self' GROUP BY legislation
         ORDER BY CAST(SUM(searches) AS BIGINT) DESC, legislation",
    )
    .bind(force.slug)
    .fetch_all(db.pool())
    .await?)
}

/// The latest month a force has data for.
pub async fn latest_month(db: &Db, force: Force) -> Result<Option<Month>> {
    let month: Option<Key<Month>> = sqlx::query_scalar(
        "SELECT MAX(month) AS month FROM stop_search_imports
         WHERE force = $1 AND outcome = 'imported' AND loading = 0",
    )
    .bind(force.slug)
    .fetch_one(db.pool())
    .await?;
    Ok(month.map(|month| month.0))
}

/// Fills in what the address left out; `None` when there is no data to default to.
/// Without a force in the address, the force the office oversees, else the force imported
/// most recently.
pub async fn resolve(db: &Db, filter: &EvidenceFilter) -> Result<Option<FigureQuery>> {
    let with_data = super::records::forces_with_data(db).await?;
    let ours = super::settings::get(db)
        .await?
        .our_force
        .and_then(|slug| Force::by_slug(&slug));
    let force = match filter.force.as_deref().and_then(Force::by_slug) {
        Some(f) => f,
        None => match ours.or_else(|| with_data.first().copied()) {
            Some(f) => f,
            None => return Ok(None),
        },
    };
    let period = match filter.period {
        Some(p) => p,
        None => match latest_month(db, force).await? {
            Some(latest) => Period::Rolling12(latest),
            None => return Ok(None),
        },
    };
    Ok(Some(FigureQuery {
        force,
        period,
        legislation: filter.legislation.clone(),
        basis: filter.basis.unwrap_or(EthnicityBasis::SelfDefined),
        table: filter.table,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::evidence::{Denominator, NotComputable};

    fn query() -> FigureQuery {
        FigureQuery {
            force: Force::by_slug("west-midlands").unwrap(),
            period: Period::Month(Month::parse("2026-09").unwrap()),
            legislation: None,
            basis: EthnicityBasis::SelfDefined,
            table: None,
        }
    }

    #[test]
    fn figures_come_from_counts_and_people_as_computed_by_hand() {
        let people: HashMap<BroadGroup, u64> = [
            (BroadGroup::Black, 20_000),
            (BroadGroup::White, 500_000),
            (BroadGroup::Asian, 4_000),
            (BroadGroup::Other, 0),
        ]
        .into();
        let c = |searches, arrests, linked| Counts {
            searches,
            arrests,
            no_further_action: searches - arrests,
            outcome_recorded: searches,
            linked,
            linked_recorded: searches,
        };
        let by_group: HashMap<String, Counts> = [
            ("black".to_owned(), c(300, 30, 60)),
            ("white".to_owned(), c(1_000, 150, 250)),
            ("".to_owned(), c(100, 0, 0)),
        ]
        .into();
        let month = Month::parse("2026-09").unwrap();
        let d = figures(
            &query(),
            Some(Denominator {
                table_id: 1,
                name: "Census 2021".into(),
                source: "ONS".into(),
                year: 2021,
            }),
            &people,
            &by_group,
            [(month, 7)].into(),
        );
        let black = d.group(BroadGroup::Black).unwrap();
        assert_eq!(black.rate, Ok(15.0));
        let ratio = black.ratio.unwrap().unwrap();
        assert!((ratio.ratio - 7.5).abs() < 1e-9);
        assert!((ratio.low - 6.5973).abs() < 5e-5 && (ratio.high - 8.5262).abs() < 5e-5);
        let (least, greatest) = black.unstated_range.unwrap().unwrap();
        assert!((least - 6.8182).abs() < 5e-5 && (greatest - 10.0).abs() < 1e-9);
        assert_eq!(d.unstated, 100);
        assert_eq!(d.person_searches, 1_400);
        assert_eq!(d.vehicle_only, 7);
        assert!(d.months_missing.is_empty());
        let white = d.group(BroadGroup::White).unwrap();
        assert_eq!(white.rate, Ok(2.0));
        assert!(white.ratio.is_none());
        // Asian: people but no searches; Other: no people; Mixed: no row at all.
        let asian = d.group(BroadGroup::Asian).unwrap();
        assert_eq!(asian.ratio, Some(Err(NotComputable::NoSearches)));
        let other = d.group(BroadGroup::Other).unwrap();
        assert_eq!(other.rate, Err(NotComputable::NoPopulation));
        assert_eq!(other.ratio, Some(Err(NotComputable::NoPopulation)));
        let mixed = d.group(BroadGroup::Mixed).unwrap();
        assert_eq!(mixed.ratio, Some(Err(NotComputable::NoPopulation)));
    }

    #[test]
    fn no_white_searches_and_missing_months_are_said() {
        let people: HashMap<BroadGroup, u64> =
            [(BroadGroup::Black, 100), (BroadGroup::White, 100)].into();
        let by_group: HashMap<String, Counts> = [(
            "black".to_owned(),
            Counts {
                searches: 3,
                ..Counts::default()
            },
        )]
        .into();
        let mut q = query();
        q.period = Period::Quarter {
            year: 2026,
            quarter: 2,
        };
        let d = figures(&q, None, &people, &by_group, HashMap::new());
        assert_eq!(
            d.group(BroadGroup::Black).unwrap().ratio,
            Some(Err(NotComputable::NoWhiteSearches))
        );
        assert_eq!(d.months_missing.len(), 3);
    }
}
