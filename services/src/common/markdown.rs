//! Markdown to safe HTML, for minutes and for the context of questions.
//!
//! Two layers. Raw HTML typed into the Markdown is dropped before rendering (minutes need
//! none, and deeply nested raw HTML took 36 s to sanitise in a debug build). Then everything
//! pulldown-cmark writes goes through ammonia, which keeps only an allow-list of tags and
//! attributes and only http, https and mailto links: no script, event handler,
//! `javascript:` or `data:` URL, or `style` survives.
//!
//! Images are dropped (their alt text stays): an image in someone's response would make
//! every reader's browser fetch its address — `![](/actions.csv)` ran an export as each
//! reader. Links stay, as links a person chooses to follow.
//!
//! Cost is bounded before any work ([`check`], cheap and linear): input over `MAX_BYTES` is
//! refused, and so are block quotes nested deeper than `MAX_QUOTE_DEPTH` (pulldown-cmark is
//! quadratic in their depth: 16,000 levels took 14 s) and tables whose cells, padded as the
//! parser pads them, exceed `MAX_TABLE_CELLS` in the whole text (pulldown-cmark caps padding
//! per table, so 3 KB of small tables with wide headers took ~1.9 s). Rendering then runs
//! on a blocking thread, at most one per core at a time, and stops producing output when
//! its time budget is spent. `scrutineer bench-markdown` prints what the worst inputs cost.

use std::time::Instant;

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::common::cpu::PerCore;

/// The largest Markdown document accepted (minutes run to tens of KB; 256 KB is generous).
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    #[error("The text must be {max} KB or less (it is {actual} KB)", max = MAX_BYTES / 1024, actual = .0.div_ceil(1024))]
    TooLong(usize),
    #[error("The text took too long to show: simplify it, for example by using fewer footnotes or nested brackets")]
    TooSlow,
    #[error("Block quotes can be nested at most {MAX_QUOTE_DEPTH} deep (line {0} has more)")]
    TooDeep(usize),
    #[error("The tables hold too many cells ({0}; at most {MAX_TABLE_CELLS}): split them, or give their rows fewer columns")]
    TooManyCells(usize),
    #[error(
        "The text would make a page too large to show: split it, or use fewer or smaller tables"
    )]
    TooLarge,
}

/// The most HTML a text may render to before sanitising (whose cost grows with it): about
/// sixteen times the largest text, far beyond what real minutes produce.
pub const MAX_HTML_BYTES: usize = 4 * 1024 * 1024;

/// The most table cells a text may hold, counted as the parser pads them: every row has as
/// many cells as its table's header. Minutes' largest tables have a few hundred.
pub const MAX_TABLE_CELLS: usize = 20_000;

/// Whether `source` is within the limits that bound what rendering it can cost. Linear in
/// its length and allocation-free: safe to run before anything else, on any thread.
pub fn check(source: &str) -> Result<(), MarkdownError> {
    if source.len() > MAX_BYTES {
        return Err(MarkdownError::TooLong(source.len()));
    }
    if let Some(index) = too_deep(source) {
        return Err(MarkdownError::TooDeep(index + 1));
    }
    let cells = table_cells(source);
    if cells > MAX_TABLE_CELLS {
        return Err(MarkdownError::TooManyCells(cells));
    }
    Ok(())
}

/// An upper bound on the table cells the parser will build: from each delimiter row
/// (`|---|:--:|`) to the next blank line, every line is a row as wide as the widest
/// delimiter row seen since. Only a blank line ends the count: pulldown-cmark keeps lines
/// such as `--` or `- x` as rows (padding each to the header's width), so stopping at them
/// undercounts — a 16.8 KB text counted as 600 cells rendered 14 MB of HTML.
fn table_cells(source: &str) -> usize {
    let mut total = 0usize;
    let mut columns = 0usize;
    for line in source.lines() {
        let unquoted = line.trim_start_matches(['>', ' ', '\t']);
        if unquoted.trim().is_empty() {
            columns = 0;
            continue;
        }
        let delimiters = delimiter_row(unquoted)
            .into_iter()
            .chain(delimiter_row(without_list_markers(unquoted)))
            .max();
        match delimiters {
            // A new, wider table may start without a blank line (after a heading, say).
            Some(n) if n > columns => {
                columns = n;
                // The header row and the delimiter row themselves.
                total = total.saturating_add(2 * n);
            }
            _ if columns > 0 => total = total.saturating_add(columns),
            _ => {}
        }
    }
    total
}

/// `line` without the block quote and list markers it starts with (`> - 1. `), where a
/// table inside a list item or quote has its delimiter row.
fn without_list_markers(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(['>', ' ', '\t']);
        let after_bullet = trimmed
            .strip_prefix(['-', '*', '+'])
            .filter(|r| r.starts_with([' ', '\t']));
        let digits = trimmed.len()
            - trimmed
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let after_number = (1..=9)
            .contains(&digits)
            .then(|| trimmed[digits..].strip_prefix(['.', ')']))
            .flatten()
            .filter(|r| r.starts_with([' ', '\t']));
        match after_bullet.or(after_number) {
            Some(r) => rest = r,
            None => return trimmed,
        }
    }
}

/// The number of columns if `line` is a table's delimiter row.
fn delimiter_row(line: &str) -> Option<usize> {
    let line = line.trim();
    let only_delimiters = line
        .chars()
        .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
    if !only_delimiters || !line.contains('|') || !line.contains('-') {
        return None;
    }
    let inner = line.trim_start_matches('|').trim_end_matches('|');
    Some(inner.split('|').count().max(1))
}

/// The deepest block quote accepted: minutes quote a quote at most.
pub const MAX_QUOTE_DEPTH: usize = 16;

/// The number of the first line whose block quotes nest deeper than `MAX_QUOTE_DEPTH`.
fn too_deep(source: &str) -> Option<usize> {
    source.lines().position(|line| {
        line.chars()
            .take_while(|c| matches!(c, '>' | ' ' | '\t'))
            .filter(|c| *c == '>')
            .count()
            > MAX_QUOTE_DEPTH
    })
}

/// How long a render may take before the text is refused, whatever it contains.
pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// Renders at once, across all requests: one per core.
static RENDERERS: PerCore = PerCore::new();

/// [`render`] off the async workers: checked first, then on a blocking thread once one of
/// the per-core render slots is free, refused if the wait or the work passes
/// [`TIME_BUDGET`]. The work itself stops at the budget too, so an abandoned render does
/// not run on.
pub async fn render_bounded(source: String) -> Result<String, MarkdownError> {
    check(&source)?;
    let deadline = Instant::now() + TIME_BUDGET;
    RENDERERS
        .run(Some(TIME_BUDGET), move || render_until(&source, deadline))
        .await
        .unwrap_or(Err(MarkdownError::TooSlow))
}

/// Renders `source` (tables, footnotes, task lists and strikethrough on) to sanitised HTML,
/// within [`TIME_BUDGET`].
pub fn render(source: &str) -> Result<String, MarkdownError> {
    render_until(source, Instant::now() + TIME_BUDGET)
}

fn render_until(source: &str, deadline: Instant) -> Result<String, MarkdownError> {
    render_within(source, deadline, MAX_HTML_BYTES)
}

fn render_within(
    source: &str,
    deadline: Instant,
    max_html: usize,
) -> Result<String, MarkdownError> {
    check(source)?;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH;
    let out_of_time = std::cell::Cell::new(false);
    let written = std::cell::Cell::new(0usize);
    let without_raw_html = Parser::new_ext(source, options)
        .take_while(|event| {
            written.set(written.get().saturating_add(html_size(event)));
            let late = Instant::now() > deadline;
            out_of_time.set(late);
            !late && written.get() <= max_html
        })
        .filter(|event| {
            !matches!(
                event,
                Event::Html(_)
                    | Event::InlineHtml(_)
                    | Event::Start(Tag::Image { .. })
                    | Event::End(TagEnd::Image)
            )
        })
        // A task list's checkbox would be a form control without a label (WCAG 1.3.1,
        // 4.1.2) on a page where it does nothing: it is shown as a ticked or empty box.
        .map(|event| match event {
            Event::TaskListMarker(done) => Event::Text(if done { "☑ " } else { "☐ " }.into()),
            // Rendered Markdown sits under the page's own h1 and a section's h2: its
            // headings start at h3, so that the page's outline stays in order.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: beneath_the_page(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => {
                Event::End(TagEnd::Heading(beneath_the_page(level)))
            }
            other => other,
        });
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, without_raw_html);
    if out_of_time.get() {
        return Err(MarkdownError::TooSlow);
    }
    if written.get() > max_html || unsafe_html.len() > max_html {
        return Err(MarkdownError::TooLarge);
    }
    let clean = sanitiser().clean(&unsafe_html).to_string();
    // The sanitiser cannot be stopped part way; its cost is bounded by MAX_HTML_BYTES, and
    // a render that still overran is refused like any other.
    if Instant::now() > deadline {
        return Err(MarkdownError::TooSlow);
    }
    Ok(clean)
}

/// Sanitised HTML of a stored text, rendered off the async workers like [`render_bounded`].
/// Texts were checked when saved; should one fail now (a limit tightened since, or a
/// render past its budget), it is shown as escaped text rather than lost.
pub async fn render_stored(body: String) -> String {
    match render_bounded(body.clone()).await {
        Ok(html) => html,
        Err(_) => format!(
            "<p>{}</p>",
            body.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        ),
    }
}

/// About how much HTML `event` becomes: its text, its link's address, and its tags. A
/// reference link repeats its address at every use, so `[a]` can become kilobytes.
fn html_size(event: &Event) -> usize {
    const TAGS: usize = 6;
    TAGS + match event {
        Event::Text(t)
        | Event::Code(t)
        | Event::Html(t)
        | Event::InlineHtml(t)
        | Event::FootnoteReference(t) => t.len(),
        Event::Start(Tag::Link {
            dest_url, title, ..
        }) => dest_url.len() + title.len(),
        _ => 0,
    }
}

/// A Markdown heading's level on the page: two below its own, at most h6.
fn beneath_the_page(level: HeadingLevel) -> HeadingLevel {
    use HeadingLevel::*;
    match level {
        H1 => H3,
        H2 => H4,
        H3 => H5,
        _ => H6,
    }
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("sup", ["id"])
        .id_prefix(Some("md-"));
    builder
}

/// Hostile and pathological input, shared by the tests and the `bench-markdown` command.
pub mod corpus {
    use super::{MAX_BYTES, MAX_QUOTE_DEPTH};

    /// Markup that must not survive sanitising.
    pub const HOSTILE: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "![x](data:image/svg+xml;base64,PHN2Zz4=)",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p><span><b><i><a href=\"javascript:alert(1)\" onclick=\"x()\">deep</a></i></b></span></p>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "<style>body{display:none}</style>",
        "<object data=\"x.swf\"></object>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
        "- [ ] <script>alert(1)</script>",
        "[^1]\n\n[^1]: <a href=\"javascript:alert(1)\">x</a>",
    ];

    /// What must not appear, in lower case, in anything rendered from `HOSTILE`.
    pub const BANNED: &[&str] = &[
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "data:",
        "style",
        "<iframe",
        "<form",
        "<object",
        "<svg",
        "<math",
    ];

    /// The security review's force response: three tables, each a 100-column header, a
    /// delimiter row, a `--` line and 2,600 rows. Counted as 600 cells before the check
    /// counted past `--`, it rendered 14 MB (and `scrutineer bench-hostile` stores it).
    pub fn dashed_tables() -> String {
        let table = format!(
            "{}|\n{}|\n--\n{}\n",
            "|h".repeat(100),
            "|-".repeat(100),
            "x\n".repeat(2600)
        );
        table.repeat(3)
    }

    /// Large inputs that stress the parser, each as large as the size limit allows.
    pub fn pathological() -> Vec<(&'static str, String)> {
        let half = MAX_BYTES / 2;
        vec![
            ("nested brackets", "[".repeat(half) + &"]".repeat(half)),
            ("footnote references", "[^a]".repeat(MAX_BYTES / 4)),
            ("nested emphasis", "*a ".repeat(MAX_BYTES / 3)),
            (
                "nested block quotes",
                (">".repeat(MAX_QUOTE_DEPTH) + "x\n").repeat(MAX_BYTES / 18),
            ),
            ("nested lists", "- ".repeat(MAX_BYTES / 2)),
            (
                "link reference soup",
                "[a]: http://a\n[a]".repeat(MAX_BYTES / 20),
            ),
            (
                "nested HTML",
                "<div>".repeat(MAX_BYTES / 10) + &"</div>".repeat(MAX_BYTES / 12),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_dropped_and_its_text_kept() {
        let html = render("Hello <b>there</b>\n\n<div>\nblock\n</div>\n").unwrap();
        assert_eq!(html, "<p>Hello there</p>\n");
    }

    #[test]
    fn headings_sit_below_the_pages_own() {
        let html = render("# Minutes\n\n## 1. Apologies\n\n### Detail\n\n#### Deeper\n").unwrap();
        assert_eq!(
            html,
            "<h3>Minutes</h3>\n<h4>1. Apologies</h4>\n<h5>Detail</h5>\n<h6>Deeper</h6>\n"
        );
    }

    #[test]
    fn tables_lists_and_task_lists_render() {
        let html =
            render("| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\nThen:\n\n- [x] done\n")
                .unwrap();
        assert!(
            html.contains("<table>") && html.contains("<td>1</td>"),
            "{html}"
        );
        assert!(html.contains("<li>one</li>"), "{html}");
        assert!(html.contains("<li>☑ done</li>"), "{html}");
        assert!(!html.contains("<input"), "{html}");
    }

    #[test]
    fn hostile_markup_does_not_survive() {
        for source in corpus::HOSTILE {
            let html = render(source).unwrap().to_lowercase();
            for banned in corpus::BANNED {
                assert!(
                    !html.contains(banned),
                    "{banned} survived {source:?}: {html}"
                );
            }
        }
    }

    #[test]
    fn pathological_input_renders_and_oversized_input_is_refused() {
        // Rendering time is measured by `scrutineer bench-markdown`, not asserted here;
        // what is asserted is that each case finishes, within the size limit, and stays safe.
        for (name, source) in corpus::pathological() {
            assert!(source.len() <= MAX_BYTES, "{name} is over the limit");
            let html = render(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(!html.to_lowercase().contains("<script"), "{name}");
        }
        let deep = format!("ok\n{}x", ">".repeat(MAX_QUOTE_DEPTH + 1));
        assert_eq!(render(&deep), Err(MarkdownError::TooDeep(2)));
        assert!(render(&"> ".repeat(MAX_QUOTE_DEPTH)).is_ok());
        let megabyte = "[".repeat(512 * 1024) + &"]".repeat(512 * 1024);
        assert_eq!(render(&megabyte), Err(MarkdownError::TooLong(1024 * 1024)));
        assert_eq!(
            MarkdownError::TooLong(1024 * 1024).to_string(),
            "The text must be 256 KB or less (it is 1024 KB)"
        );
    }

    #[test]
    fn images_are_dropped_and_their_alt_text_and_links_kept() {
        let html = render("See ![the export](/actions.csv) and [the register](/actions).").unwrap();
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("actions.csv"), "{html}");
        assert!(html.contains("the export"), "{html}");
        assert!(html.contains("<a href=\"/actions\""), "{html}");
    }

    /// Many small tables, each with a wide header and many rows: the parser pads every row
    /// to the header's width, per table, so the cost grows with the product.
    pub(crate) fn table_bomb() -> String {
        format!(
            "{}\n{}\n{}",
            "|a".repeat(250),
            "|-".repeat(250),
            "|\n".repeat(500)
        )
    }

    #[test]
    fn a_table_bomb_is_refused_before_rendering_and_real_tables_pass() {
        let bomb = table_bomb();
        assert!(bomb.len() < 4 * 1024, "{}", bomb.len());
        assert!(matches!(check(&bomb), Err(MarkdownError::TooManyCells(_))));
        assert!(matches!(render(&bomb), Err(MarkdownError::TooManyCells(_))));
        let minutes_table = format!(
            "| Item | Lead | Status |\n|---|:--:|--:|\n{}",
            "| Stop and search | ACC | Open |\n".repeat(300)
        );
        assert_eq!(check(&minutes_table), Ok(()));
        assert!(table_cells(&minutes_table) <= 3 * 302);
    }

    #[test]
    fn a_dashed_line_does_not_end_the_cell_count() {
        let bomb = corpus::dashed_tables();
        assert!(bomb.len() < 17 * 1024, "{}", bomb.len());
        assert!(
            table_cells(&bomb) > 3 * 100 * 2600,
            "{}",
            table_cells(&bomb)
        );
        assert!(matches!(check(&bomb), Err(MarkdownError::TooManyCells(_))));
        // A wider table after a narrow one, with no blank line between them.
        let wider = format!(
            "|a|\n|-|\n# next\n{}|\n{}|\n{}",
            "|h".repeat(300),
            "|-".repeat(300),
            "x\n".repeat(100)
        );
        assert!(table_cells(&wider) >= 300 * 100, "{}", table_cells(&wider));
        // A table inside list items and a quote.
        let listed = format!("- 1. > {}|\n  {}\n", "|h".repeat(50), "x\n".repeat(10));
        assert_eq!(without_list_markers("- 1. > |-|-|"), "|-|-|");
        assert!(table_cells(&format!("- {}|\n{}", "|-".repeat(50), "x\n".repeat(10))) >= 500);
        assert!(table_cells(&listed) < 50, "no delimiter row, no table");
    }

    #[test]
    fn rendered_html_past_its_cap_is_refused_while_it_is_written() {
        // pulldown-cmark bounds what reference links expand to; the cap stands behind it
        // and any other way a short text becomes a long page.
        let later = Instant::now() + std::time::Duration::from_secs(60);
        let text = "[a](http://a.example/a-long-address) ".repeat(2000);
        assert!(render_within(&text, later, 1 << 20).is_ok());
        assert_eq!(
            render_within(&text, later, 16 * 1024),
            Err(MarkdownError::TooLarge)
        );
        // Every pathological input stays within the real cap.
        for (name, source) in corpus::pathological() {
            assert!(render(&source).is_ok(), "{name}");
        }
    }

    #[test]
    fn a_render_past_its_deadline_stops_and_says_so() {
        let text = "*a* ".repeat(1000);
        let past = Instant::now() - std::time::Duration::from_secs(1);
        assert_eq!(render_until(&text, past), Err(MarkdownError::TooSlow));
    }

    #[tokio::test]
    async fn a_stored_text_that_fails_its_checks_is_shown_as_text() {
        let html = render_stored(corpus::dashed_tables()).await;
        assert!(html.starts_with("<p>|h|h"), "{}", &html[..40]);
        assert!(!html.contains("<table"));
        assert!(html.len() < 20 * 1024, "{}", html.len());
        assert_eq!(render_stored("*ok*".into()).await, "<p><em>ok</em></p>\n");
    }

    #[tokio::test]
    async fn bounded_render_refuses_oversized_input_before_any_work() {
        let huge = "x".repeat(MAX_BYTES + 1);
        assert_eq!(
            render_bounded(huge).await,
            Err(MarkdownError::TooLong(MAX_BYTES + 1))
        );
        assert!(render_bounded("*ok*".into())
            .await
            .unwrap()
            .contains("<em>ok</em>"));
    }
}
