//! CSV as RFC 4180 describes it — CRLF line ends, fields quoted when they hold a comma, a
//! quote or a line break, quotes doubled — in UTF-8 with a byte-order mark, so that
//! spreadsheet programs read names with accents correctly.
//!
//! Safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`, a tab, a
//! carriage return or NUL would be run as a formula, so it is written with a leading `'`
//! (OWASP's advice for CSV injection).

pub struct Writer {
    out: String,
}

impl Writer {
    pub fn new(headers: &[&str]) -> Writer {
        let mut writer = Writer {
            out: String::from('\u{feff}'),
        };
        writer.row(headers);
        writer
    }

    pub fn row(&mut self, cells: &[&str]) {
        for (n, cell) in cells.iter().enumerate() {
            if n > 0 {
                self.out.push(',');
            }
            push_cell(&mut self.out, cell);
        }
        self.out.push_str("\r\n");
    }

    /// What has been written since the last `take`, for streaming.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    pub fn finish(self) -> String {
        self.out
    }
}

fn push_cell(out: &mut String, cell: &str) {
    let defused = cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\0']);
    let quoted = defused || cell.contains([',', '"', '\r', '\n']);
    if quoted {
        out.push('"');
    }
    if defused {
        out.push('\'');
    }
    for c in cell.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(cells: &[&str]) -> String {
        let mut w = Writer::new(&["a"]);
        w.row(cells);
        w.finish().trim_start_matches('\u{feff}')["a\r\n".len()..].to_owned()
    }

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(one(&["plain", "two words"]), "plain,two words\r\n");
        assert_eq!(
            one(&["a,b", "say \"hi\""]),
            "\"a,b\",\"say \"\"hi\"\"\"\r\n"
        );
        assert_eq!(one(&["line\nbreak", ""]), "\"line\nbreak\",\r\n");
        assert_eq!(one(&["Zoë, Siân"]), "\"Zoë, Siân\"\r\n");
    }

    #[test]
    fn formulas_are_defused() {
        for bad in [
            "=1+1",
            "+44 7700",
            "-2",
            "@SUM(A1)",
            "\tx",
            "=HYPERLINK(\"http://x\")",
        ] {
            let cell = one(&[bad]);
            assert!(cell.starts_with("\"'"), "{bad:?} became {cell:?}");
        }
        assert_eq!(one(&["=1,2"]), "\"'=1,2\"\r\n");
        assert_eq!(one(&["1-2"]), "1-2\r\n");
    }

    #[test]
    fn starts_with_a_bom_and_ends_rows_with_crlf() {
        let text = Writer::new(&["x", "y"]).finish();
        assert_eq!(text, "\u{feff}x,y\r\n");
    }
}
