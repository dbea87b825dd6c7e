//! Paging through lists: one page of a query's rows, and how many pages there are.

use crate::db::filter::Conditions;

/// For `total` rows shown `page_size` at a time: the page to show (the requested one,
/// brought within range) and how many pages there are (at least one).
pub(crate) fn page_within(total: i64, page_size: u32, requested: Option<u32>) -> (u32, u32) {
    let pages = (total.max(0) as u64)
        .div_ceil(u64::from(page_size))
        .max(1)
        .min(u64::from(u32::MAX)) as u32;
    (requested.unwrap_or(1).clamp(1, pages), pages)
}

/// One page of the rows `select` returns (without LIMIT), `page_size` at a time; `count` counts the same rows (as `n`). Both are
/// written with `conditions.sql()`, whose values are bound to both.
pub(crate) async fn page_of<T>(
    db: &crate::Db,
    count: &str,
    select: &str,
    conditions: &Conditions,
    page_size: u32,
    requested: Option<u32>,
    row: impl Fn(&sqlx::any::AnyRow) -> crate::Result<T>,
) -> crate::Result<domain::Page<T>> {
    let total: i64 = sqlx::query_scalar_with(count, conditions.arguments()?)
        .fetch_one(db.pool())
        .await?;
    let (page, pages) = page_within(total, page_size, requested);
    let offset = u64::from(page - 1) * u64::from(page_size);
    let select = format!("{select} LIMIT {page_size} OFFSET {offset}");
    let rows = sqlx::query_with(&select, conditions.arguments()?)
        .fetch_all(db.pool())
        .await?;
    let items = rows.iter().map(row).collect::<crate::Result<Vec<_>>>()?;
    Ok(domain::Page { items, page, pages })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_at_least_one_and_the_request_is_kept_in_range() {
        assert_eq!(page_within(0, 20, None), (1, 1));
        assert_eq!(page_within(41, 20, Some(3)), (3, 3));
        assert_eq!(page_within(41, 20, Some(9)), (3, 3));
        assert_eq!(page_within(40, 20, Some(0)), (1, 2));
    }
}
