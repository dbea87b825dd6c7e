//! Full-text search, one interface over two engines: SQLite's FTS5 and PostgreSQL's text
//! search, each over the `search_index` its migrations keep up to date by trigger (actions
//! by reference and text, questions by text and context, minutes by their latest version).
//!
//! What people type is read as words (letters and digits; everything else separates them);
//! a record matches when it has every word, each also as the start of a longer word
//! ("disproportion" finds "disproportionality"). Only words reach the engines' query
//! languages, so nothing typed can change a query's meaning.

use crate::db::Backend;

/// The kinds of record in the index, as each row's key encodes them (`id * 8 + kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Action = 1,
    Question = 2,
    Minutes = 3,
}

/// The most words a search uses, and the longest word.
const MAX_WORDS: usize = 8;
const MAX_WORD: usize = 40;

/// Common words left out of every search: PostgreSQL's English dictionary drops them, so
/// SQLite must too, or the two would answer "stop and search" differently.
const IGNORED: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is",
    "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will",
    "with",
];

/// Words to search for; empty when the text has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terms(Vec<String>);

impl Terms {
    pub fn parse(text: &str) -> Terms {
        Terms(
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| w.chars().take(MAX_WORD).collect::<String>().to_lowercase())
                .filter(|w| !IGNORED.contains(&w.as_str()))
                .take(MAX_WORDS)
                .collect(),
        )
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The words in the engine's query language: every word, each as a prefix.
    pub fn query(&self, backend: Backend) -> String {
        match backend {
            Backend::Sqlite => self
                .0
                .iter()
                .map(|w| format!("\"{w}\"*"))
                .collect::<Vec<_>>()
                .join(" "),
            Backend::Postgres => self
                .0
                .iter()
                .map(|w| format!("{w}:*"))
                .collect::<Vec<_>>()
                .join(" & "),
        }
    }
}

/// An SQL condition: `id` (a column of `kind`'s table) is among the records matching the
/// query bound at `placeholder` (see [`Terms::query`]).
pub fn matches(backend: Backend, kind: Kind, id: &str, placeholder: &str) -> String {
    let kind = kind as i64;
    match backend {
        Backend::Sqlite => format!(
            "{id} IN (SELECT rowid / 8 FROM search_index \
             WHERE search_index MATCH {placeholder} AND rowid % 8 = {kind})"
        ),
        Backend::Postgres => format!(
            "{id} IN (SELECT key / 8 FROM search_index \
             WHERE doc @@ to_tsquery('english', {placeholder}) AND key % 8 = {kind})"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_reach_the_engines() {
        let terms = Terms::parse("SPCB/2026/014 \"stop\" OR search* -- NEAR(x)");
        assert_eq!(
            terms.query(Backend::Sqlite),
            "\"spcb\"* \"2026\"* \"014\"* \"stop\"* \"search\"* \"near\"* \"x\"*"
        );
        assert_eq!(
            Terms::parse("Stop & search!").query(Backend::Postgres),
            "stop:* & search:*"
        );
        assert!(Terms::parse(" -- ! ").is_empty());
        assert_eq!(Terms::parse(&"word ".repeat(20)).0.len(), MAX_WORDS);
    }
}
