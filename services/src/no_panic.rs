//! Every parser of text a person typed, fed arbitrary Unicode: none may panic. A panic in a
//! parser drops the request's connection (and once left a committed save without its
//! answer), so "refuse with a message" is the only acceptable outcome for bad text.

use crate::db::codec::Day;
use chrono::NaiveDate;
use proptest::prelude::*;

use crate::common::working_days::Calendar;
use crate::common::{csv, london, markdown, typed};
use crate::{register::due_dates, register::minutes_actions};

/// Text that looks like what people type, with multi-byte characters where byte offsets
/// used to be sliced: curly quotes, dashes, currency signs, emoji, combining marks.
fn typed() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("ACTION".to_owned()),
        Just("action:".to_owned()),
        Just("- **ACTION:** ".to_owned()),
        Just("1. ".to_owned()),
        Just(" to ".to_owned()),
        Just(" by ".to_owned()),
        Just("working days".to_owned()),
        Just("end of ".to_owned()),
        Just("q".to_owned()),
        Just(" within two weeks".to_owned()),
        Just("\u{a0}".to_owned()),
        Just("• ".to_owned()),
        Just("ACTION (".to_owned()),
        Just("| ".to_owned()),
        Just(" from ".to_owned()),
        Just("2026-12-31".to_owned()),
        Just("31/12/2026".to_owned()),
        Just("Force (".to_owned()),
        Just("## 2. ".to_owned()),
        Just("|".to_owned()),
        Just("\n".to_owned()),
        Just("Chair’s".to_owned()),
        Just("Notes—agreed".to_owned()),
        Just("12345€".to_owned()),
        Just("👩🏽‍⚖️".to_owned()),
        Just("e\u{301}".to_owned()),
        any::<String>(),
        "[0-9]{1,6}",
    ];
    prop::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

fn day(text: &str) -> NaiveDate {
    Day::parse(text).expect("a test date")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn action_lines_never_panic(text in typed()) {
        let calendar = Calendar::new([day("2026-12-25")]);
        let titles = minutes_actions::Titles::new([("Head of PSD".to_owned(), domain::Owner::Force)]);
        let _ = minutes_actions::recognise(
            &text,
            &minutes_actions::Reading {
                meeting_day: day("2026-12-21"),
                next_meeting: Some(day("2027-01-21")),
                calendar: &calendar,
                titles: &titles,
            },
        );
    }

    #[test]
    fn due_dates_and_working_days_never_panic(text in typed()) {
        let calendar = Calendar::new([day("2026-12-25")]);
        let _ = due_dates::parse(&text, day("2026-12-21"), &calendar);
        let _ = due_dates::parse_day(&text);
        let _ = due_dates::parse_counted(
            &text,
            due_dates::Counted { from: day("2026-12-21"), next_meeting: None, calendar: &calendar },
        );
    }

    #[test]
    fn dates_and_times_never_panic(date in typed(), time in typed()) {
        let mut errors = domain::FieldErrors::new();
        let _ = london::parse(&date, &time, "date", "time", &mut errors);
        let _ = typed::iso_date(&date);
        let _ = london::long_date_of(&date);
    }

    #[test]
    fn references_and_account_fields_never_panic(text in typed()) {
        let _ = domain::ActionRef::parse(&text);
        let _ = domain::Email::parse(&text);
        let _ = domain::DisplayName::parse(&text);
        let _ = domain::Role::parse(&text);
    }

    #[test]
    fn register_filters_never_panic(
        status in typed(), owner in typed(), board in typed(), due_from in typed(), sort in typed()
    ) {
        let filter = domain::RegisterFilter {
            status: status.clone(),
            owner,
            board: board.clone(),
            topic: board,
            due_from: due_from.clone(),
            due_to: due_from,
            overdue: true,
            mine: true,
            extension: status.clone(),
            q: sort.clone(),
            tag: sort.clone(),
            meeting: sort.clone(),
            sort,
            page: Some(u32::MAX),
        };
        let actor = crate::audit::Actor::command_line();
        for backend in [crate::db::Backend::Sqlite, crate::db::Backend::Postgres] {
            let _ = crate::register::actions::conditions(&actor, &filter, &crate::register::actions::Window::now(14), backend);
        }
        let _ = domain::RegisterFilter::from_query(&filter.q);
    }

    #[test]
    fn markdown_never_panics(text in typed()) {
        let _ = markdown::check(&text);
        let _ = markdown::render(&text);
    }

    #[test]
    fn csv_cells_never_panic_and_stay_one_cell(cells in prop::collection::vec(typed(), 1..4)) {
        let mut writer = csv::Writer::new(&["a"]);
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        writer.row(&refs);
        let out = writer.finish();
        prop_assert!(out.ends_with("\r\n"));
    }
}

/// The lines that panicked before the parser stopped slicing by byte offsets.
#[test]
fn word_processor_punctuation_is_read_not_sliced() {
    let calendar = Calendar::new([]);
    let titles = minutes_actions::Titles::default();
    let reading = minutes_actions::Reading {
        meeting_day: day("2026-12-21"),
        next_meeting: None,
        calendar: &calendar,
        titles: &titles,
    };
    for line in [
        "Chair’s welcome",
        "Notes—agreed",
        "12345€",
        "ACTIO€",
        "actioné: x",
    ] {
        let (found, problems) = minutes_actions::recognise(line, &reading);
        assert!(found.is_empty() && problems.is_empty(), "{line}");
    }
}
