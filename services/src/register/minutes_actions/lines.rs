//! Reading ACTION lines as secretaries write them — typed, or pasted from Word with its
//! bullets, numbering, curly quotes, dashes and non-breaking spaces:
//!
//! ```text
//! ACTION: Force to share the analysis of the disparity by 2026-12-31
//! • ACTION – Chief Constable to brief the board by the end of March
//! 2. **Action:** OPCC (Policy Officer) to write to the IOPC within 10 working days
//! a) ACTION (DCC): to review the stop and search training by the next meeting
//! ```
//!
//! A line names an action when, after any bullet, number, bold or indentation, it starts
//! with `Action` or `Actions` (any case) followed by a colon or dash, or when it holds the
//! word `ACTION` in capitals anywhere. Every such line is either read — owner, what must be
//! done, due date — or reported with the reason; none is dropped.

use chrono::NaiveDate;
use domain::Owner;
use serde::{Deserialize, Serialize};

use crate::common::working_days::Calendar;
use crate::register::due_dates::{self, plain_spaces, Counted};

/// A line read as an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLine {
    /// 1-based line number in the minutes.
    pub line_no: usize,
    /// The line as written, trimmed: how a created action is matched to its line.
    pub line: String,
    pub owner: Owner,
    pub owner_name: String,
    pub text: String,
    pub due_on: NaiveDate,
    /// The due date as the minutes state it ("by the end of March").
    pub due_written: String,
    /// The heading the line is under (without its numbering), if any.
    pub heading: Option<String>,
}

/// A line that names an action but cannot be read as one, with what could be read of it,
/// so the person can complete it on the review page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub line_no: usize,
    pub line: String,
    pub reason: String,
    pub guess: Guess,
    pub heading: Option<String>,
}

/// What could be read of an unreadable line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guess {
    pub owner: Option<Owner>,
    pub owner_name: String,
    pub text: String,
    pub due_written: String,
}

/// The titles minutes name owners by ("Chief Constable", "Head of PSD", "Policy Officer"),
/// each with the organisation it belongs to; the generic words (Force, OPCC, Partner and
/// their synonyms) are always known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Titles {
    known: Vec<(String, Owner)>,
}

impl Titles {
    pub fn new(titles: impl IntoIterator<Item = (String, Owner)>) -> Titles {
        let mut known: Vec<(String, Owner)> = titles
            .into_iter()
            .map(|(title, owner)| (title_key(&title), owner))
            .filter(|(title, _)| !title.is_empty())
            .collect();
        // Longest first, so "Head of Professional Standards" wins over "Head".
        known.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Titles { known }
    }

    /// The organisation a title such as "DCC Smith" or "ACC" belongs to.
    fn owner_of(&self, part: &str) -> Option<Owner> {
        let key = title_key(part);
        if let Some(owner) = generic(&key) {
            return Some(owner);
        }
        self.known
            .iter()
            .find(|(title, _)| {
                key == *title
                    || key
                        .strip_prefix(title.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
            })
            .map(|(_, owner)| *owner)
    }
}

/// How a title is compared: lower case, without full stops, "the" or extra spaces.
pub fn title_key(title: &str) -> String {
    let plain = plain_spaces(title).to_lowercase().replace('.', "");
    let words: Vec<&str> = plain.split_whitespace().collect();
    let words = match words.as_slice() {
        ["the", rest @ ..] => rest,
        all => all,
    };
    words.join(" ")
}

fn generic(key: &str) -> Option<Owner> {
    match key {
        "force" | "police" | "constabulary" | "the force" => Some(Owner::Force),
        "opcc"
        | "pcc"
        | "commissioner"
        | "office"
        | "occ"
        | "pfcc"
        | "opfcc"
        | "police and crime commissioner"
        | "commissioner's office"
        | "commissioner’s office" => Some(Owner::Opcc),
        "partner" | "partners" => Some(Owner::Partner),
        _ => None,
    }
}

/// What the due dates in one meeting's minutes are counted from.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    pub meeting_day: NaiveDate,
    pub next_meeting: Option<NaiveDate>,
    pub calendar: &'a Calendar,
    pub titles: &'a Titles,
}

/// The lines of `minutes` that are actions, and those that name an action but cannot be
/// read as one.
pub fn recognise(minutes: &str, reading: &Reading) -> (Vec<ActionLine>, Vec<Unreadable>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut heading = None;
    for (index, raw) in minutes.lines().enumerate() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        let plain = plain_spaces(line);
        let plain = plain.trim();
        let marker = match plain.strip_prefix('#') {
            // "### ACTION: …" is an action written as a heading; "## Actions" a heading.
            Some(title) => match marker(title.trim_start_matches('#')) {
                Some(read @ Marker::Read { .. }) => read,
                _ => {
                    heading = Some(heading_title(title));
                    continue;
                }
            },
            None => match marker(plain) {
                Some(marker) => marker,
                None => continue,
            },
        };
        match read(marker, reading) {
            Ok(action) => found.push(ActionLine {
                line_no: index + 1,
                line: line.to_owned(),
                owner: action.owner,
                owner_name: action.owner_name,
                text: action.text,
                due_on: action.due_on,
                due_written: action.due_written,
                heading: heading.clone(),
            }),
            Err((reason, guess)) => problems.push(Unreadable {
                line_no: index + 1,
                line: line.to_owned(),
                reason,
                guess,
                heading: heading.clone(),
            }),
        }
    }
    (found, problems)
}

/// Whether `line` names an action (read or not).
pub(crate) fn names_action(line: &str) -> bool {
    let plain = plain_spaces(line);
    let plain = plain.trim().trim_start_matches('#');
    marker(plain).is_some()
}

/// The minutes as they are read on a page: each line that names an action on a line of its
/// own (consecutive lines would run together into one paragraph), with `annotate`'s text
/// after it — the action created from it, as a link.
pub fn for_reading(minutes: &str, annotate: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(minutes.len() + 256);
    for raw in minutes.lines() {
        let line = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if line.starts_with('|') || line.starts_with('#') || !names_action(line) {
            out.push_str(raw);
            out.push('\n');
            continue;
        }
        let note = annotate(line)
            .map(|note| format!(" {note}"))
            .unwrap_or_default();
        if is_markdown_list_item(line) {
            out.push_str(raw.trim_end());
            out.push_str(&note);
            out.push('\n');
        } else {
            // A paragraph of its own; without its indentation, which would make it code.
            out.push('\n');
            out.push_str(line);
            out.push_str(&note);
            out.push_str("\n\n");
        }
    }
    out
}

fn is_markdown_list_item(line: &str) -> bool {
    if ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m)) {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// "## 2. Stop and search" → "Stop and search".
fn heading_title(text: &str) -> String {
    let text = text.trim_start_matches('#').trim();
    let without_number = text
        .split_once(['.', ')'])
        .filter(|(number, _)| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
        .map_or(text, |(_, rest)| rest);
    without_number.trim().to_owned()
}

/// Where a line's action starts.
#[derive(Debug)]
enum Marker<'l> {
    /// After `ACTION (hint):`, the rest of the line.
    Read {
        hint: Option<&'l str>,
        rest: &'l str,
    },
    /// `ACTION` with nothing to say where the action starts.
    NoSeparator { rest: &'l str },
}

const BULLETS: &[char] = &[
    '•', '◦', '▪', '▫', '‣', '⁃', '·', '○', '●', '■', '□', '➢', '►', '▶', '✓', '✔', '-', '*', '+',
    '–', '—', '>',
    // Word's Symbol and Wingdings bullets, pasted as private-use characters.
    '\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}',
];

/// The bullets, numbers ("1.", "a)", "(iv)"), bold markers and spaces before the text.
fn undecorated(mut line: &str) -> &str {
    loop {
        let before = line;
        line = line.trim_start();
        line = line.trim_start_matches(['*', '_']).trim_start();
        if let Some(rest) = line.strip_prefix(BULLETS) {
            line = rest;
        }
        if let Some(rest) = numbering(line) {
            line = rest;
        }
        if line.len() == before.len() {
            return line;
        }
    }
}

/// The text after a list number: "1.", "12)", "(a)", "a.", "iv)".
fn numbering(line: &str) -> Option<&str> {
    let (inner, rest) = if let Some(open) = line.strip_prefix('(') {
        open.split_once(')')?
    } else {
        let end = line.find(['.', ')'])?;
        (&line[..end], &line[end + 1..])
    };
    let numbered = !inner.is_empty()
        && inner.len() <= 4
        && (inner.chars().all(|c| c.is_ascii_digit())
            || (inner.len() == 1 && inner.chars().all(|c| c.is_ascii_alphabetic()))
            || inner.chars().all(|c| matches!(c, 'i' | 'v' | 'x')));
    (numbered && rest.starts_with(' ')).then_some(rest)
}

const SEPARATORS: &[char] = &[':', '–', '—', '-', '‒', '―', '.'];

/// Where the action in `line` starts, if the line names one.
fn marker(line: &str) -> Option<Marker<'_>> {
    let start = undecorated(line);
    // In a table row the action ends with its cell.
    if start.starts_with('|') {
        return marker_in(start).map(|marker| match marker {
            Marker::Read { hint, rest } => Marker::Read {
                hint,
                rest: rest.split('|').next().unwrap_or_default().trim(),
            },
            other => other,
        });
    }
    marker_in(start)
}

fn marker_in(start: &str) -> Option<Marker<'_>> {
    if let Some(found) = word_at(start, false) {
        return Some(found);
    }
    // The capitalised word anywhere: "The board agreed. ACTION: …", "| 3 | ACTION |".
    let mut from = 0;
    while let Some(at) = start[from..].find("ACTION") {
        let at = from + at;
        let before = start[..at].chars().next_back();
        if !before.is_some_and(char::is_alphanumeric) {
            if let Some(found) = word_at(&start[at..], true) {
                return Some(found);
            }
        }
        from = at + "ACTION".len();
    }
    None
}

/// `Action`/`Actions` at the start of `text`: read when a separator follows; in capitals,
/// reported when none does (in any other case, prose such as "Actions arising were noted").
fn word_at(text: &str, anywhere: bool) -> Option<Marker<'_>> {
    let word = text.get(..6)?;
    if !word.eq_ignore_ascii_case("action") {
        return None;
    }
    let capitals = word == "ACTION";
    if anywhere && !capitals {
        return None;
    }
    let mut after = &text[6..];
    if after.starts_with(['s', 'S']) {
        after = &after[1..];
    }
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    let mut rest = after.trim_start_matches(['*', '_']).trim_start();
    let mut hint = None;
    if let Some(open) = rest.strip_prefix('(') {
        if let Some((inside, close)) = open.split_once(')') {
            hint = Some(inside.trim());
            rest = close.trim_start_matches(['*', '_']).trim_start();
        }
    }
    match rest.strip_prefix(SEPARATORS) {
        Some(rest) => {
            let rest = rest.trim_start_matches(SEPARATORS);
            let rest = rest.trim_start_matches(['*', '_']).trim();
            if is_nothing(rest) && hint.is_none() {
                return None;
            }
            Some(Marker::Read { hint, rest })
        }
        None if capitals => Some(Marker::NoSeparator { rest }),
        None => None,
    }
}

/// "Actions: none", "ACTION: N/A", or "Actions:" alone above a list: no action named.
fn is_nothing(rest: &str) -> bool {
    let rest = rest.trim_end_matches(['.', ' ']).to_ascii_lowercase();
    matches!(
        rest.as_str(),
        "" | "none" | "nil" | "n/a" | "na" | "none arising" | "no actions" | "none agreed"
    )
}

struct Read {
    owner: Owner,
    owner_name: String,
    text: String,
    due_on: NaiveDate,
    due_written: String,
}

type Refused = (String, Guess);

fn read(marker: Marker, reading: &Reading) -> Result<Read, Refused> {
    let (hint, rest) = match marker {
        Marker::Read { hint, rest } => (hint, rest),
        Marker::NoSeparator { rest } => {
            return Err((
                "Write a colon after ACTION, as in \"ACTION: Force to … by 2026-12-31\"".into(),
                Guess {
                    text: rest.to_owned(),
                    ..Guess::default()
                },
            ))
        }
    };
    let mut guess = Guess {
        text: rest.to_owned(),
        ..Guess::default()
    };
    // ASCII lower case keeps every byte where it was, so positions in it are positions in
    // `rest`.
    let lower = rest.to_ascii_lowercase();
    let (who, what) = if let (Some(hint), true) = (hint, lower.starts_with("to ")) {
        (hint, &rest[3..])
    } else {
        match find_word(&lower, "to").filter(|at| *at > 0) {
            Some(at) => (rest[..at].trim(), &rest[at + 2..]),
            None => return Err((
                "Say who does what: \"ACTION: Force to … by 2026-12-31\" (the owner, then \"to\")"
                    .into(),
                guess,
            )),
        }
    };
    guess.text = what.trim().to_owned();
    let owner = owner(who, reading.titles).or_else(|error| match hint {
        Some(hint) => owner(hint, reading.titles)
            .map(|(owner, _)| (owner, clipped(who)))
            .map_err(|_| error),
        None => Err(error),
    });
    let (owner, owner_name) = match owner {
        Ok(found) => found,
        Err(reason) => return Err((reason, guess)),
    };
    guess.owner = Some(owner);
    guess.owner_name = owner_name.clone();
    let (text, due_written, due_on) = match due(what, reading) {
        Ok(found) => found,
        Err((reason, text, written)) => {
            guess.text = text;
            guess.due_written = written;
            return Err((reason, guess));
        }
    };
    guess.text = text.clone();
    guess.due_written = due_written.clone();
    if text.is_empty() {
        return Err((
            "Say what must be done between \"to\" and \"by\"".into(),
            guess,
        ));
    }
    if text.chars().count() > 2000 {
        return Err(("The action must be 2000 characters or fewer".into(), guess));
    }
    Ok(Read {
        owner,
        owner_name,
        text,
        due_on,
        due_written,
    })
}

/// Where `word` stands alone in `lower` (spaces or brackets around it), the first time.
fn find_word(lower: &str, word: &str) -> Option<usize> {
    word_positions(lower, word).next()
}

fn word_positions<'t>(lower: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    lower
        .match_indices(word)
        .map(|(at, _)| at)
        .filter(move |at| {
            let before = lower[..*at].chars().next_back();
            let after = lower[at + word.len()..].chars().next();
            before.is_none_or(|c| c == ' ' || c == '(' || c == ',' || c == '–' || c == '—')
                && after.is_none_or(|c| c == ' ' || c == ':')
        })
}

fn clipped(name: &str) -> String {
    name.trim().chars().take(200).collect()
}

/// "Force", "The force", "OPCC (Policy Officer)", "Partner (City Council)", "Chief
/// Constable", "ACC (Local Policing)", "DCC/ACC", "Head of PSD".
fn owner(who: &str, titles: &Titles) -> Result<(Owner, String), String> {
    let who = who.trim().trim_matches(['*', '_']).trim();
    let (base, bracket) = match who.split_once('(') {
        Some((base, rest)) => (base.trim(), Some(rest.trim_end_matches(')').trim())),
        None => (who, None),
    };
    let unknown = || {
        format!(
            "Start with who owns the action: Force, OPCC, Partner or a title on the list of owners' titles (not \"{}\")",
            clipped(who)
        )
    };
    if let Some(owner) = generic(&title_key(base)) {
        let name = match bracket.filter(|b| !b.is_empty()) {
            Some(name) => clipped(name),
            None => default_name(owner).to_owned(),
        };
        return Ok((owner, name));
    }
    let parts: Vec<&str> = base
        .split(['/', '&', ','])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect();
    let owners: Vec<Option<Owner>> = parts.iter().map(|part| titles.owner_of(part)).collect();
    let Some(Some(first)) = owners.first().copied() else {
        return Err(unknown());
    };
    if owners.iter().any(Option::is_none) {
        return Err(unknown());
    }
    if owners.iter().any(|o| *o != Some(first)) {
        return Err(format!(
            "\"{}\" names more than one organisation: write one ACTION line for each",
            clipped(who)
        ));
    }
    Ok((first, clipped(who)))
}

/// The name an owner gets when the minutes give none.
pub fn default_name(owner: Owner) -> &'static str {
    match owner {
        Owner::Force => "The force",
        Owner::Opcc => "OPCC",
        Owner::Partner => "Partner",
    }
}

/// The words that may start a due date at the end of a line.
const DUE_WORDS: &[&str] = &["by", "before", "due", "within", "in", "until"];

/// Splits "share the figures broken down by ethnicity by 31 January 2027" into what must be
/// done and when: the last `by`/`before`/`due`/`within`/`in` whose rest of the line is a
/// due date.
fn due(
    what: &str,
    reading: &Reading,
) -> Result<(String, String, NaiveDate), (String, String, String)> {
    let lower = what.to_ascii_lowercase();
    let mut starts: Vec<usize> = DUE_WORDS
        .iter()
        .flat_map(|word| word_positions(&lower, word).collect::<Vec<_>>())
        .filter(|at| what.is_char_boundary(*at))
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let counted = Counted {
        from: reading.meeting_day,
        next_meeting: reading.next_meeting,
        calendar: reading.calendar,
    };
    let mut first_error = None;
    for at in starts.iter().rev() {
        let written = what[*at..].trim().trim_end_matches(['.', ';']).trim();
        match due_dates::parse_counted(written, counted) {
            Ok(day) => return Ok((action_text(&what[..*at]), written.to_owned(), day)),
            Err(reason) => {
                // The first failure from the end is the one to explain: the due date the
                // person most likely meant.
                if first_error.is_none() && !lower[*at..].starts_with("in ") {
                    first_error = Some((reason, *at, written.to_owned()));
                }
            }
        }
    }
    match first_error {
        Some((reason, at, written)) => Err((
            format!("The due date \"{written}\" could not be read. {reason}, or \"by the next meeting\", \"by the end of March\" or \"within 20 working days\""),
            action_text(&what[..at]),
            written,
        )),
        None => Err((
            "End the line with the due date: \"… by 2026-12-31\", \"… by the end of March\" or \"… within 10 working days\"".into(),
            action_text(what),
            String::new(),
        )),
    }
}

/// What must be done, as a sentence: trailing punctuation trimmed, first letter capital.
fn action_text(text: &str) -> String {
    let text = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '–', '—', '-', '(', ' ', '*', '_'])
        .trim();
    let mut sentence = text.to_owned();
    if let Some(first) = sentence.chars().next() {
        let upper: String = first.to_uppercase().collect();
        sentence.replace_range(..first.len_utf8(), &upper);
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::codec::Day;

    fn day(text: &str) -> NaiveDate {
        Day::parse(text).expect("a test date")
    }

    fn calendar() -> Calendar {
        Calendar::new(
            [
                "2026-12-25",
                "2026-12-28",
                "2027-01-01",
                "2027-03-26",
                "2027-03-29",
            ]
            .map(day),
        )
    }

    fn titles() -> Titles {
        Titles::new(
            [
                ("Chief Constable", Owner::Force),
                ("DCC", Owner::Force),
                ("ACC", Owner::Force),
                ("Head of PSD", Owner::Force),
                ("Head of Professional Standards", Owner::Force),
                ("Policy Officer", Owner::Opcc),
            ]
            .map(|(t, o)| (t.to_owned(), o)),
        )
    }

    fn read_on(
        text: &str,
        meeting: &str,
        next: Option<&str>,
    ) -> (Vec<ActionLine>, Vec<Unreadable>) {
        let (calendar, titles) = (calendar(), titles());
        recognise(
            text,
            &Reading {
                meeting_day: day(meeting),
                next_meeting: next.map(day),
                calendar: &calendar,
                titles: &titles,
            },
        )
    }

    fn read(text: &str) -> (Vec<ActionLine>, Vec<Unreadable>) {
        read_on(text, "2026-12-21", None)
    }

    #[test]
    fn action_lines_are_read_with_owner_text_and_due_date() {
        let (found, problems) = read(
            "## 2. Stop and search\n\
             \n\
             ACTION: Force to share the analysis of the disparity by 2026-12-31\n\
             - **ACTION:** OPCC (Policy Lead) to write to the IOPC by 5 working days.\n\
             * action: the Partner (City Council) to share hate crime figures, by 31/01/2027\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(found.len(), 3);
        assert_eq!(found[0].owner, Owner::Force);
        assert_eq!(found[0].owner_name, "The force");
        assert_eq!(found[0].text, "Share the analysis of the disparity");
        assert_eq!(found[0].due_on, day("2026-12-31"));
        assert_eq!(found[0].heading.as_deref(), Some("Stop and search"));
        assert_eq!(found[0].line_no, 3);
        assert_eq!(found[1].owner, Owner::Opcc);
        assert_eq!(found[1].owner_name, "Policy Lead");
        // Five working days from Monday 21 December, over Christmas.
        assert_eq!(found[1].due_on, day("2026-12-30"));
        assert_eq!(found[2].owner, Owner::Partner);
        assert_eq!(found[2].owner_name, "City Council");
        assert_eq!(found[2].due_on, day("2027-01-31"));
    }

    #[test]
    fn lines_that_name_actions_but_cannot_be_read_say_why() {
        let (found, problems) = read(
            "ACTION Force to do it by 2026-12-31\n\
             ACTION: Someone to do it by 2026-12-31\n\
             ACTION: Force to do it soon\n\
             ACTION: Force to do it by next week\n\
             ACTION: Force will do it by 2026-12-31\n\
             ACTION: DCC/OPCC to do it by 2026-12-31\n\
             ACTION: Force to do it by the next meeting\n\
             ## Summary of actions arising\n\
             Actions arising were noted.\n\
             Actions: none\n",
        );
        assert!(found.is_empty(), "{found:?}");
        let reasons: Vec<&str> = problems.iter().map(|p| p.reason.as_str()).collect();
        assert_eq!(reasons.len(), 7, "{reasons:?}");
        assert!(reasons[0].contains("colon"));
        assert!(reasons[1].contains("Force, OPCC, Partner or a title"));
        assert!(reasons[2].contains("End the line with the due date"));
        assert!(reasons[3].contains("\"by next week\" could not be read"));
        assert!(reasons[4].contains("Say who does what"));
        assert!(reasons[5].contains("more than one organisation"));
        assert!(reasons[6].contains("no meeting after this one"));
        assert_eq!(problems[4].line_no, 5);
        // What could be read is kept, to complete on the review page.
        assert_eq!(problems[6].guess.owner, Some(Owner::Force));
        assert_eq!(problems[6].guess.text, "Do it");
        assert_eq!(problems[6].guess.due_written, "by the next meeting");
    }

    /// Each file in `tests/corpora/minutes` beside the `.expected` file that says what it
    /// must yield.
    #[test]
    fn the_corpus_of_real_looking_minutes_yields_what_it_must() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/minutes");
        let mut checked = 0;
        for entry in std::fs::read_dir(&folder).expect("the corpus") {
            let path = entry.expect("a corpus file").path();
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let minutes = std::fs::read_to_string(&path).expect("minutes");
            let expected = std::fs::read_to_string(path.with_extension("expected"))
                .expect("what it must yield");
            let (found, problems) = read_on(&minutes, "2026-12-03", Some("2027-02-04"));
            let mut rows = 0;
            for row in expected
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            {
                rows += 1;
                let cells: Vec<&str> = row.split('\t').collect();
                let line_no: usize = cells[0].parse().expect("a line number");
                let name = path.display();
                if cells[1] == "unreadable" {
                    let problem = problems.iter().find(|p| p.line_no == line_no);
                    let problem = problem.unwrap_or_else(|| {
                        panic!("{name}: line {line_no} is not reported: {found:?}")
                    });
                    assert!(
                        problem.reason.contains(cells[2]),
                        "{name}: line {line_no}: {}",
                        problem.reason
                    );
                } else {
                    let action = found.iter().find(|a| a.line_no == line_no);
                    let action = action.unwrap_or_else(|| {
                        panic!("{name}: line {line_no} is not read: {problems:?}")
                    });
                    assert_eq!(action.owner.as_str(), cells[1], "{name}: line {line_no}");
                    assert_eq!(action.owner_name, cells[2], "{name}: line {line_no}");
                    assert_eq!(day_text(action.due_on), cells[3], "{name}: line {line_no}");
                    assert_eq!(action.text, cells[4], "{name}: line {line_no}");
                }
            }
            assert_eq!(
                found.len() + problems.len(),
                rows,
                "{}: every line named, nothing more",
                path.display()
            );
            checked += 1;
        }
        assert!(checked >= 2, "the corpus has {checked} files");
    }

    use crate::db::codec::day_text;
    use proptest::prelude::*;

    /// How a line may start before the word ACTION: bullets, numbers, bold, every kind of
    /// space, as typed or pasted from Word.
    fn decoration() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just(" "),
            Just("\t"),
            Just("\u{a0}"),
            Just("\u{2007}"),
            Just("\u{202f}"),
            Just("\u{200b}"),
            Just("\u{feff}"),
            Just("• "),
            Just("•"),
            Just("◦ "),
            Just("▪ "),
            Just("– "),
            Just("· "),
            Just("- "),
            Just("* "),
            Just("+ "),
            Just("> "),
            Just("1. "),
            Just("12) "),
            Just("a) "),
            Just("(b) "),
            Just("iv. "),
            Just("**"),
            Just("__"),
            Just("\u{f0b7} "),
        ];
        prop::collection::vec(piece, 0..4).prop_map(|p| p.concat())
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("ACTION"),
            Just("Action"),
            Just("action"),
            Just("ACTIONS"),
            Just("Actions"),
            Just("AcTiOn"),
        ]
        .prop_map(str::to_owned)
    }

    fn separator() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(":"),
            Just(" :"),
            Just(" –"),
            Just(" —"),
            Just(" -"),
            Just("–"),
            Just(":**"),
            Just("**:"),
            Just(" (DCC):"),
            Just(" (OPCC) –"),
            Just("::"),
            Just(":\u{a0}"),
        ]
        .prop_map(str::to_owned)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// No line that names an action — the word at the start with a colon or dash after
        /// it, in any case, or ACTION in capitals anywhere — is dropped: it is read or
        /// reported, once.
        #[test]
        fn no_line_naming_an_action_is_dropped(
            start in decoration(),
            word in word(),
            separator in separator(),
            body in "[^\r\n]{0,80}",
        ) {
            // "ACTION:" alone (above a list) or "Actions: none" names no action.
            prop_assume!(!is_nothing(plain_spaces(&body).trim().trim_start_matches(SEPARATORS).trim_start_matches(['*', '_']).trim()));
            let line = format!("{start}{word}{separator} {body}");
            let (found, problems) = read(&line);
            let told = found.len() + problems.len();
            prop_assert_eq!(told, 1, "{:?} → {:?} {:?}", line, found, problems);
        }

        #[test]
        fn capitals_anywhere_are_never_dropped(
            before in "[^\r\n#]{0,40}",
            // What may follow the word without making it part of a longer one ("ACTIONED").
            next in prop::sample::select(vec![":", " -", " –", "—", ".", ",", ";", " ", ":\u{a0}", "\u{a0}", "S:", "s –", "**:", "!", "(", ")", "/", "'", "’", "\"", "-", "–", "…"]),
            after in "[^\r\n]{1,40}",
        ) {
            let line = format!("x {before} ACTION{next}{after}");
            let after = plain_spaces(&format!("{next}{after}"));
            let rest = after.trim_start_matches(['s', 'S', ' ', '*', '_']);
            prop_assume!(!is_nothing(rest.trim_start_matches(SEPARATORS).trim_start_matches(['*', '_']).trim()));
            let (found, problems) = read(&line);
            prop_assert_eq!(found.len() + problems.len(), 1, "{:?}", line);
        }
    }
}
