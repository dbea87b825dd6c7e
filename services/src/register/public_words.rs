//! The rules for what the public reads of someone's words (a response or an answer):
//! which steps are chosen before publishing, redacted phrases replaced before rendering,
//! the links a public reader cannot follow, and the redactions in force on a record. The
//! timeline applies them to every public page; the words page (`words`) is where the
//! office chooses.

use std::collections::HashMap;

use domain::{Publication, RedactionReason, Step};
use sqlx::AnyConnection;

use crate::db::codec::Key;
use crate::register::Subject;
use crate::Result;

/// The steps whose words are someone's and are chosen before the public reads them.
pub(crate) fn chosen(kind: Step) -> bool {
    matches!(kind, Step::Response | Step::Answer)
}

/// A phrase kept from the public, and why.
pub(crate) type Redacted = (String, RedactionReason);

/// `body` with every occurrence of each phrase replaced by "[redacted: <reason>]": one pass,
/// leftmost then longest phrase first, so one phrase inside another, or a phrase that is a
/// word of a reason, cannot leave part of it readable. The brackets are escaped: Markdown
/// must not read the replacement as a link.
pub(crate) fn redact_text(body: &str, phrases: &[Redacted]) -> String {
    let mut phrases: Vec<&Redacted> = phrases.iter().filter(|(p, _)| !p.is_empty()).collect();
    phrases.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        match phrases
            .iter()
            .find_map(|(p, reason)| Some((rest.strip_prefix(p.as_str())?, reason)))
        {
            Some((after, reason)) => {
                out.push_str(&format!("\\[redacted: {}\\]", reason.label()));
                rest = after;
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Addresses in `body` the public cannot follow: a host without a dot (`http://intranet/`),
/// a private network's name or address, a site that needs a sign-in (SharePoint), the
/// police network (`pnn.police.uk`), a file share (`\\server\share`, `file:`).
pub fn unreachable_links(body: &str) -> Vec<String> {
    let mut found = Vec::new();
    for word in body.split(|c: char| c.is_whitespace() || "<>()[]\"'`".contains(c)) {
        let word = word.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let lower = word.to_lowercase();
        let unreachable = if let Some(rest) = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
        {
            private_host(rest)
        } else {
            lower.starts_with("file:") || (lower.starts_with("\\\\") && lower.len() > 2)
        };
        if unreachable && !found.iter().any(|f| f == word) {
            found.push(word.to_owned());
        }
    }
    found
}

fn private_host(after_scheme: &str) -> bool {
    let authority = after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = host_port.split(':').next().unwrap_or_default();
    if host.is_empty() {
        return false;
    }
    if let Ok(ip) = host.parse::<std::net::Ipv4Addr>() {
        return ip.is_private() || ip.is_loopback() || ip.is_link_local();
    }
    const PRIVATE: &[&str] = &[
        ".local",
        ".lan",
        ".internal",
        ".intranet",
        ".corp",
        ".localdomain",
        ".home.arpa",
        ".pnn.police.uk",
        ".sharepoint.com",
    ];
    !host.contains('.')
        || host.contains("intranet")
        || PRIVATE.iter().any(|suffix| host.ends_with(suffix))
}

/// The redactions in force on the entries of one record, by entry.
pub(crate) async fn in_force(
    conn: &mut AnyConnection,
    subject: Subject,
    id: i64,
) -> Result<HashMap<i64, Vec<Redacted>>> {
    let rows: Vec<(i64, String, Key<RedactionReason>)> = sqlx::query_as(
        "SELECT r.entry_id, r.phrase, r.reason FROM redactions r
         JOIN timeline_entries t ON t.id = r.entry_id
         WHERE t.subject = $1 AND t.subject_id = $2 AND r.lifted_at IS NULL ORDER BY r.id",
    )
    .bind(subject.as_str())
    .bind(id)
    .fetch_all(conn)
    .await?;
    let mut by_entry: HashMap<i64, Vec<Redacted>> = HashMap::new();
    for (entry, phrase, Key(reason)) in rows {
        by_entry.entry(entry).or_default().push((phrase, reason));
    }
    Ok(by_entry)
}

/// What the public reads of an entry (Markdown), as chosen; `None` while it is not published.
pub(crate) fn public_text(
    published_as: Option<Publication>,
    body: &str,
    summary: &str,
    redactions: &[Redacted],
) -> Option<String> {
    Some(match published_as? {
        Publication::Written => redact_text(body, redactions),
        Publication::Summary => redact_text(summary, redactions),
    })
}

/// For staff: what the public reads of an entry, in a few words.
pub(crate) fn public_state(published_as: Option<Publication>, redacted: usize) -> String {
    let phrases = match redacted {
        0 => String::new(),
        1 => ", 1 phrase redacted".to_owned(),
        n => format!(", {n} phrases redacted"),
    };
    match published_as {
        None => "Not published: the public reads that it was received, not what it says".to_owned(),
        Some(Publication::Written) => format!("Published as written{phrases}"),
        Some(Publication::Summary) => format!("Published as a summary{phrases}"),
    }
}
