//! Text inside the elements whose content the browser reads as raw text, `<textarea>` and
//! `<title>`: Leptos writes their children unescaped when it renders on the server (upstream
//! escaped them in leptos-rs/leptos PR #4730 and reverted it in PR #4819, as it broke
//! hydration), so `</textarea>` typed into minutes would end the element and the rest would
//! be read as markup. Every text area and the page title go through [`raw_text`].

/// `text` as it must be written inside `<textarea>` or `<title>` on the server: `&` and `<`
/// (and `>`, for tidiness) as character references, which the browser turns back into the
/// same characters, so the value a person sees and sends back is unchanged. In the browser
/// (an island), Leptos sets the text as a DOM node, which needs no escaping.
pub fn raw_text(text: &str) -> String {
    if cfg!(feature = "ssr") {
        escape(text)
    } else {
        text.to_owned()
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn closing_tags_cannot_end_the_element() {
        assert_eq!(
            escape("</textarea><b id=x>&amp;</b>"),
            "&lt;/textarea&gt;&lt;b id=x&gt;&amp;amp;&lt;/b&gt;"
        );
        assert_eq!(
            escape("Ch Supt’s “reply” – fine"),
            "Ch Supt’s “reply” – fine"
        );
    }
}
