//! Markdown to safe HTML, for minutes and for the context of questions.
//!
//! pulldown-cmark passes raw HTML through by design, so everything it writes goes through
//! ammonia, which keeps only an allow-list of tags and attributes and only http, https and
//! mailto links: no script, event handler, `javascript:` or `data:` URL, or `style`
//! survives. Input over `MAX_BYTES` is refused rather than rendered: footnote-heavy input
//! has superlinear cases in pulldown-cmark.

use pulldown_cmark::{html, Options, Parser};

/// The largest Markdown document accepted (minutes run to tens of KB; 256 KB is generous).
pub const MAX_BYTES: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    #[error("The text must be {max} KB or less (it is {actual} KB)", max = MAX_BYTES / 1024, actual = .0.div_ceil(1024))]
    TooLong(usize),
    #[error("The text took too long to show: simplify it, for example by using fewer footnotes or nested brackets")]
    TooSlow,
}

/// How long a render may take before the text is refused, whatever it contains.
pub const TIME_BUDGET: std::time::Duration = std::time::Duration::from_secs(2);

/// [`render`] on a blocking thread, refused if it takes longer than [`TIME_BUDGET`], so
/// that no text can hold a request for long. (The thread finishes on its own; the size cap
/// bounds what it can cost.)
pub async fn render_bounded(source: String) -> Result<String, MarkdownError> {
    if source.len() > MAX_BYTES {
        return Err(MarkdownError::TooLong(source.len()));
    }
    let work = tokio::task::spawn_blocking(move || render(&source));
    match tokio::time::timeout(TIME_BUDGET, work).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) | Err(_) => Err(MarkdownError::TooSlow),
    }
}

/// Renders `source` (tables, footnotes, task lists and strikethrough on) to sanitised HTML.
pub fn render(source: &str) -> Result<String, MarkdownError> {
    if source.len() > MAX_BYTES {
        return Err(MarkdownError::TooLong(source.len()));
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH;
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, Parser::new_ext(source, options));
    Ok(sanitiser().clean(&unsafe_html).to_string())
}

fn sanitiser() -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(["http", "https", "mailto"].into())
        .link_rel(Some("noopener noreferrer"))
        // Task-list checkboxes are shown, never editable.
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attribute_values("input", "type", ["checkbox"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes("sup", ["id"])
        .id_prefix(Some("md-"));
    builder
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(html.contains("type=\"checkbox\""), "{html}");
    }

    #[test]
    fn hostile_markup_does_not_survive() {
        let corpus = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
            "![x](data:image/svg+xml;base64,PHN2Zz4=)",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<svg><script>alert(1)</script></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p><span><b><i><a href=\"javascript:alert(1)\" onclick=\"x()\">deep</a></i></b></span></p>",
            "<form action=\"https://evil.example\"><input name=x></form>",
            "<style>body{display:none}</style>",
            "<object data=\"x.swf\"></object>",
        ];
        for source in corpus {
            let html = render(source).unwrap().to_lowercase();
            for banned in [
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
            ] {
                assert!(
                    !html.contains(banned),
                    "{banned} survived {source:?}: {html}"
                );
            }
        }
    }

    #[test]
    fn nested_brackets_render_and_oversized_input_is_refused() {
        let nested = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(render(&nested).is_ok());
        let huge = "x".repeat(MAX_BYTES + 1);
        assert_eq!(render(&huge), Err(MarkdownError::TooLong(MAX_BYTES + 1)));
        let footnotes = "[^a]".repeat(20_000);
        assert!(render(&footnotes).is_ok());
    }
}
