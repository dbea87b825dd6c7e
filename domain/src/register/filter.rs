//! The register's filter as its address carries it: one reading (`from_query`) for the
//! page, its server function and the CSV export, and one writing (`to_query`).

use serde::{Deserialize, Serialize};

/// The register's filters, as the address carries them; empty means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterFilter {
    /// A status, "live" (not closed or withdrawn), "all", or empty for all. An address
    /// with no status at all opens on live work ([`RegisterFilter::from_query`]).
    pub status: String,
    pub owner: String,
    pub board: String,
    pub topic: String,
    pub due_from: String,
    pub due_to: String,
    pub overdue: bool,
    /// Only actions whose owner's account is the person looking ("my actions").
    pub mine: bool,
    /// "pending": only actions with an extension request awaiting a decision.
    pub extension: String,
    /// Words to search for in the reference and text.
    pub q: String,
    /// An equality tag (`objective:3`, `aim:…`, `characteristic:race`): only actions
    /// tagged with it.
    #[serde(default)]
    pub tag: String,
    /// A meeting's id: only the actions set at it.
    #[serde(default)]
    pub meeting: String,
    pub sort: String,
    pub page: Option<u32>,
}

impl RegisterFilter {
    /// The filter an address's query (without the `?`) asks for: the one reading of the
    /// register's address, used by the page, its server function and the CSV export. An
    /// address that names no status opens on live work; "all" asks for every status.
    pub fn from_query(query: &str) -> RegisterFilter {
        let mut filter = RegisterFilter {
            status: "live".to_owned(),
            ..RegisterFilter::default()
        };
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let value = value.into_owned();
            match key.as_ref() {
                "status" => filter.status = value,
                "owner" => filter.owner = value,
                "board" => filter.board = value,
                "topic" => filter.topic = value,
                "due_from" => filter.due_from = value,
                "due_to" => filter.due_to = value,
                "overdue" => filter.overdue = matches!(value.as_str(), "on" | "true"),
                "mine" => filter.mine = matches!(value.as_str(), "on" | "true"),
                "extension" if matches!(value.as_str(), "pending" | "on") => {
                    filter.extension = "pending".to_owned();
                }
                "q" => filter.q = value,
                "tag" => filter.tag = value,
                "meeting" => filter.meeting = value,
                "sort" => filter.sort = value,
                "page" => filter.page = value.trim().parse().ok(),
                _ => {}
            }
        }
        filter
    }

    /// The query (without the `?`) that [`RegisterFilter::from_query`] reads back as this
    /// filter, at `page`.
    pub fn to_query(&self, page: Option<u32>) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        // The status is always written: an address without one means "live".
        out.append_pair(
            "status",
            if self.status.is_empty() {
                "all"
            } else {
                &self.status
            },
        );
        for (key, value) in [
            ("owner", &self.owner),
            ("board", &self.board),
            ("topic", &self.topic),
            ("due_from", &self.due_from),
            ("due_to", &self.due_to),
            ("extension", &self.extension),
            ("q", &self.q),
            ("tag", &self.tag),
            ("meeting", &self.meeting),
            ("sort", &self.sort),
        ] {
            if !value.is_empty() {
                out.append_pair(key, value);
            }
        }
        if self.overdue {
            out.append_pair("overdue", "on");
        }
        if self.mine {
            out.append_pair("mine", "on");
        }
        if let Some(page) = page {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_address_reads_back_as_written() {
        let opened = RegisterFilter::from_query("");
        assert_eq!(opened.status, "live", "the register opens on live work");
        let filter = RegisterFilter::from_query(
            "status=all&q=stop%20and%20search&extension=pending&overdue=on&page=3&junk=1&tag=characteristic%3Arace",
        );
        assert_eq!(filter.status, "all");
        assert_eq!(filter.q, "stop and search");
        assert_eq!(filter.extension, "pending");
        assert_eq!(filter.tag, "characteristic:race");
        assert!(filter.overdue && !filter.mine);
        assert_eq!(filter.page, Some(3));
        let again = RegisterFilter::from_query(&filter.to_query(Some(3)));
        assert_eq!(again, filter);
        let all = RegisterFilter {
            status: String::new(),
            ..RegisterFilter::default()
        };
        assert_eq!(
            RegisterFilter::from_query(&all.to_query(None)).status,
            "all"
        );
    }
}
