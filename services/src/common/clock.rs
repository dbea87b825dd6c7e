//! The clock: every time is stored as seconds since the Unix epoch, UTC (see `db`), and
//! shown in London time (`london`).

/// Seconds since the Unix epoch, UTC: how every time is stored.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// RFC 3339 form of a stored time, for pages and exports.
pub fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}
