//! Stop-and-search evidence, on both databases: files imported as data.police.uk writes
//! them (byte-order mark, CRLF, quoted commas, blanks, vehicle-only searches, older
//! outcome labels), bad files refused whole with line and reason, months replaced, zips,
//! population tables, and figures that match the hand-computed case.

use std::io::Write;

use domain::evidence::{BroadGroup, EthnicityBasis, Force, Month, NotComputable, Period};
use domain::Role;
use services::audit::Actor;
use services::common::spooled::Spooled;
use services::evidence::figures::{self, FigureQuery};
use services::evidence::files::{self, Choices};
use services::evidence::populations::{self, TableDetails};
use services::evidence::records;
use services::{Db, Error};
use sqlx::Row;

use crate::support::people::{audited, person};

on_both!(
    a_month_is_imported_and_its_figures_match_the_hand_computed_case,
    a_bad_file_is_refused_whole_and_the_database_unchanged,
    skipping_bad_rows_imports_the_rest_and_lists_them,
    importing_a_month_again_replaces_it,
    a_zip_of_monthly_folders_is_imported_file_by_file,
    population_tables_are_checked_and_chosen,
    only_the_office_imports,
    complaints_files_are_refused_whole_or_imported_and_flagged,
    other_writers_take_turns_with_an_import_under_way,
    files_of_every_year_are_read_with_exact_counts,
    an_unknown_label_is_asked_about_and_the_import_continues,
    a_check_changes_nothing_and_says_what_would_be_imported,
);

/// A file as written in `month` with these self-defined labels (one row each) and `rest`
/// of the row after the self-defined ethnicity.
fn file_of(month: &str, labels: &[&str], rest: &str) -> Vec<u8> {
    let mut lines = vec![HEADINGS.to_owned()];
    for label in labels {
        lines.push(format!(
            "Person search,{month}-03T14:05:00+00:00,False,,51.5,-0.1,Male,18-24,\"{label}\",{rest}"
        ));
    }
    let mut bytes = lines.join("\r\n").into_bytes();
    bytes.extend(b"\r\n");
    bytes
}

/// Searches of persons by self-defined group, and not stated, for a force's month.
async fn by_group(
    db: &Db,
    actor: &Actor,
    force: &str,
    month: &str,
) -> (Vec<(BroadGroup, u64)>, u64) {
    let query = FigureQuery {
        force: Force::by_slug(force).unwrap(),
        period: Period::Month(Month::parse(month).unwrap()),
        legislation: None,
        basis: EthnicityBasis::SelfDefined,
        table: None,
    };
    let d = figures::disproportionality(db, actor, &query)
        .await
        .unwrap();
    (
        d.groups
            .iter()
            .map(|g| (g.group, g.searches))
            .filter(|(_, n)| *n > 0)
            .collect(),
        d.unstated,
    )
}

/// Files from public archives, written small by hand in each year's format: a 2016
/// Metropolitan month with the 2001 Census labels and their codes, a 2017 West Midlands
/// month with a space after a slash, and a 2017 North Yorkshire month saved through a
/// spreadsheet ("Oct-17" for 10-17, TRUE/FALSE, dd/mm/yyyy hh:mm dates).
async fn files_of_every_year_are_read_with_exact_counts(db: &Db) {
    let admin = person(db, Role::Admin).await;
    let older = ",Misuse of Drugs Act 1971 (section 23),Controlled drugs,Suspect arrested,,False";
    let met = file_of(
        "2016-05",
        &[
            "Black or Black British - African (B2)",
            "Black or Black British - Caribbean (B1)",
            "Black or Black British - African (B2)",
            "White - White British (W1)",
            "White - White Irish (W2)",
            "white - white british (w1)",
            "White - Any other White background (W9)",
            "WHITE - WHITE BRITISH  (W1)",
            "Chinese or other ethnic group - Chinese (O1)",
            "Asian or Asian British - Pakistani (A2)",
            "Mixed - White and Black Caribbean (M1)",
            "Chinese or other ethnic group - Any other ethnic group (O9)",
            "Not Stated (NS)",
            // As a database of the Met's files lists them: no dash, a zero for the O.
            "Chinese or other ethnic group Chinese (01)",
            "Black or Black British African (B2)",
        ],
        older,
    );
    let reports = import(
        db,
        &admin,
        "2016-05-metropolitan-stop-and-search.csv",
        &met,
        false,
    )
    .await;
    assert!(reports[0].imported, "{:?}", reports[0].problems);
    let (groups, unstated) = by_group(db, &admin, "metropolitan", "2016-05").await;
    assert_eq!(
        groups,
        [
            (BroadGroup::Asian, 3),
            (BroadGroup::Black, 4),
            (BroadGroup::Mixed, 1),
            (BroadGroup::White, 5),
            (BroadGroup::Other, 1)
        ]
    );
    assert_eq!(unstated, 1);
    let outcomes: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM stop_searches WHERE force = 'metropolitan' AND outcome = 'arrest'",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(outcomes, 15);

    let west_midlands = file_of(
        "2017-03",
        &[
            "Black/ African/Caribbean/Black British - African",
            "Black/ African/Caribbean/Black British - African",
            "Black / African / Caribbean / Black British – Caribbean",
            "White - English/Welsh/Scottish/Northern Irish/British",
        ],
        ",,,A no further action disposal,,",
    );
    let reports = import(
        db,
        &admin,
        "2017-03-west-midlands-stop-and-search.csv",
        &west_midlands,
        false,
    )
    .await;
    assert!(reports[0].imported, "{:?}", reports[0].problems);
    assert!(!reports[0].spreadsheet_edited);
    let (groups, _) = by_group(db, &admin, "west-midlands", "2017-03").await;
    assert_eq!(groups, [(BroadGroup::Black, 3), (BroadGroup::White, 1)]);

    let through_a_spreadsheet = [
        HEADINGS,
        "Person search,04/11/2017 13:15,FALSE,,54.0,-1.5,Male,Oct-17,White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,TRUE,FALSE",
        "Person search,2017-11-05 09:00:00,FALSE,,54.0,-1.5,Female,17-Oct,Asian/Asian British - Indian,Asian,,,A no further action disposal,FALSE,",
        "Person search,2017-11-06 10:30,,,,,Male,over 34,Asian/Asian British - Indian,Asian,,,,,",
    ]
    .join("\r\n");
    let reports = import(
        db,
        &admin,
        "2017-11-north-yorkshire-stop-and-search.csv",
        through_a_spreadsheet.as_bytes(),
        false,
    )
    .await;
    let report = &reports[0];
    assert!(report.imported, "{:?}", report.problems);
    assert!(report.spreadsheet_edited);
    assert!(
        records::import(db, &admin, report.id)
            .await
            .unwrap()
            .spreadsheet_edited
    );
    let (groups, _) = by_group(db, &admin, "north-yorkshire", "2017-11").await;
    assert_eq!(groups, [(BroadGroup::Asian, 2), (BroadGroup::White, 1)]);
    let rows: Vec<(String, Option<String>)> = sqlx::query(
        "SELECT searched_at, age_range FROM stop_searches WHERE force = 'north-yorkshire' ORDER BY line",
    )
    .fetch_all(db.pool())
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get("searched_at"), r.get("age_range")))
    .collect();
    assert_eq!(
        rows[0],
        ("2017-11-04T13:15:00".to_owned(), Some("10_17".to_owned()))
    );
    assert_eq!(
        rows[1],
        ("2017-11-05T09:00:00".to_owned(), Some("10_17".to_owned()))
    );
}

/// A label nobody has seen stops the import with a question; mapped, it is kept, audited
/// and used, and the import continues from the kept file.
async fn an_unknown_label_is_asked_about_and_the_import_continues(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let file = file_of(
        "2015-06",
        &[
            "White - Irish Traveller (W4)",
            "Black or Black British - African (B2)",
            "White - Irish Traveller (W4)",
            "Any other ethnic background - Somali",
        ],
        ",,,Suspect arrested,,",
    );
    let reports = import(
        db,
        &secretariat,
        "2015-06-metropolitan-stop-and-search.csv",
        &file,
        false,
    )
    .await;
    let asked = &reports[0];
    assert!(asked.asks(), "{asked:?}");
    assert_eq!(searches_held(db).await, 0);
    let unknown: Vec<(&str, u64)> = asked
        .unknown_labels
        .iter()
        .map(|u| (u.label.as_str(), u.count))
        .collect();
    assert_eq!(
        unknown,
        [
            ("Any other ethnic background - Somali", 1),
            ("White - Irish Traveller (W4)", 2)
        ]
    );
    assert_eq!(audited(db, "stop_search.asked").await, 1);
    // Force liaison may not say what labels mean; a meaning must be chosen for each.
    let liaison = person(db, Role::ForceLiaison).await;
    assert!(matches!(
        services::evidence::labels::answer(db, &liaison, asked.id, &[]).await,
        Err(Error::Forbidden)
    ));
    let e = services::evidence::labels::answer(db, &secretariat, asked.id, &["black".into()])
        .await
        .unwrap_err();
    assert!(crate::support::people::field(e, "meaning_1").contains("Choose what"));
    let report = services::evidence::labels::answer(
        db,
        &secretariat,
        asked.id,
        &["black".into(), "white".into()],
    )
    .await
    .unwrap();
    assert!(report.imported, "{report:?}");
    let (groups, _) = by_group(db, &secretariat, "metropolitan", "2015-06").await;
    assert_eq!(groups, [(BroadGroup::Black, 2), (BroadGroup::White, 2)]);
    assert_eq!(audited(db, "evidence.label_mapped").await, 2);
    // Used from then on, and shown on the labels page with who mapped it.
    let again = import(
        db,
        &secretariat,
        "2015-07-metropolitan-stop-and-search.csv",
        &file_of(
            "2015-07",
            &["Any other ethnic background - Somali"],
            ",,,,,",
        ),
        false,
    )
    .await;
    assert!(again[0].imported);
    let (ethnicity, _) = records::labels(db).await.unwrap();
    let mapped = ethnicity
        .iter()
        .find(|l| l.label == "Any other ethnic background - Somali")
        .unwrap();
    assert_eq!(mapped.meaning, "Black");
    assert!(mapped.note.starts_with("Mapped by"));
    // The question is answered once: the asked record points at the import that followed,
    // and sending the answer again (the form twice, or a colleague) gives that import.
    let record = records::import(db, &secretariat, asked.id).await.unwrap();
    assert_eq!(record.continued_as, Some(report.id));
    assert!(!record.asks());
    let again = services::evidence::labels::answer(
        db,
        &secretariat,
        asked.id,
        &["black".into(), "white".into()],
    )
    .await
    .unwrap();
    assert_eq!(again.id, report.id);
    assert_eq!(searches_held(db).await, 5);
    // An import that never asked is not answered.
    assert!(
        services::evidence::labels::answer(db, &secretariat, report.id, &[])
            .await
            .is_err()
    );
}

/// "Check only" reads the whole file and says what would be imported, asked and skipped;
/// nothing is held, no figure changes, and the check is listed nowhere but its own page.
async fn a_check_changes_nothing_and_says_what_would_be_imported(db: &Db) {
    let commissioner = person(db, Role::Commissioner).await;
    let spooled = spool(&september());
    let choices = Choices {
        check_only: true,
        ..Choices::default()
    };
    let outcome = files::import_path(
        db,
        &commissioner,
        &spooled.path,
        "2026-09-west-midlands-stop-and-search.csv",
        &choices,
        &|_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    let report = &outcome.reports[0];
    assert!(report.checked_only && !report.imported);
    assert_eq!(searches_held(db).await, 0);
    let searches = |group: &str| {
        report
            .checked
            .iter()
            .filter(|c| c.group == group)
            .map(|c| c.searches)
            .sum::<u64>()
    };
    assert_eq!(
        (searches("black"), searches("white"), searches("")),
        (30, 100, 10)
    );
    assert!(records::imports(db, &commissioner, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(
        records::import(db, &commissioner, report.id)
            .await
            .unwrap()
            .checked_only
    );
    assert_eq!(audited(db, "stop_search.checked").await, 1);
}

const HEADINGS: &str = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing";

const BLACK: &str = "Black/African/Caribbean/Black British - Caribbean";
const WHITE: &str = "White - English/Welsh/Scottish/Northern Irish/British";

/// A row of a search of a person.
fn row(self_defined: &str, officer: &str, outcome: &str, linked: &str) -> String {
    format!(
        "Person search,2026-09-03T14:05:00+00:00,False,,52.478,-1.894,Male,18-24,\"{self_defined}\",{officer},Misuse of Drugs Act 1971 (section 23),Controlled drugs,{outcome},{linked},False"
    )
}

/// 30 searches of Black people (3 arrests, 6 finds), 100 of White people (10 arrests,
/// older files' label for no further action on 50), 10 not stated, 2 vehicles only, a
/// blank gender and a blank outcome — written as data.police.uk writes (BOM, CRLF).
fn september() -> Vec<u8> {
    let mut lines = vec![HEADINGS.to_owned()];
    for i in 0..30 {
        lines.push(row(
            BLACK,
            "Black",
            if i < 3 {
                "Arrest"
            } else {
                "A no further action disposal"
            },
            if i < 6 { "True" } else { "False" },
        ));
    }
    for i in 0..100 {
        let outcome = match i {
            0..10 => "Arrest",
            10..60 => "Nothing found - no further action",
            60..99 => "A no further action disposal",
            _ => "",
        };
        lines.push(row(WHITE, "White", outcome, ""));
    }
    for _ in 0..10 {
        lines.push(row(
            "Other ethnic group - Not stated",
            "",
            "A no further action disposal",
            "",
        ));
    }
    lines.push("Vehicle search,2026-09-04T01:00:00+00:00,,,,,,,,,Police and Criminal Evidence Act 1984 (section 1),Stolen goods,A no further action disposal,,".to_owned());
    lines.push("Vehicle search,2026-09-04T02:00:00+00:00,,,,,,,,,,,,,".to_owned());
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(lines.join("\r\n").into_bytes());
    bytes.extend(b"\r\n");
    bytes
}

fn spool(bytes: &[u8]) -> Spooled {
    let spooled = Spooled::new();
    std::fs::write(&spooled.path, bytes).unwrap();
    spooled
}

async fn import(
    db: &Db,
    actor: &Actor,
    name: &str,
    bytes: &[u8],
    skip: bool,
) -> Vec<domain::evidence::ImportReport> {
    let spooled = spool(bytes);
    let choices = Choices {
        skip_bad_rows: skip,
        ..Choices::default()
    };
    files::import_path(db, actor, &spooled.path, name, &choices, &|_, _| {})
        .await
        .unwrap()
        .unwrap()
        .reports
}

async fn searches_held(db: &Db) -> i64 {
    sqlx::query("SELECT COUNT(*) AS n FROM stop_searches")
        .fetch_one(db.pool())
        .await
        .unwrap()
        .get("n")
}

/// A population table of round numbers, chosen as the default.
async fn round_numbers(db: &Db, actor: &Actor) {
    let table = "pfa_code,ethnic_group,population\r\n\
                 E23000014,Black,2000\r\nE23000014,White,50000\r\nE23000014,Asian,8000\r\nE23000014,Mixed,0\r\n";
    populations::import(
        db,
        actor,
        &TableDetails {
            name: "Round numbers".into(),
            source: "The test".into(),
            year: 2026,
        },
        true,
        table.as_bytes(),
    )
    .await
    .unwrap()
    .unwrap();
}

fn west_midlands(period: Period) -> FigureQuery {
    FigureQuery {
        force: Force::by_slug("west-midlands").unwrap(),
        period,
        legislation: None,
        basis: EthnicityBasis::SelfDefined,
        table: None,
    }
}

fn september_2026() -> Period {
    Period::Month(Month::parse("2026-09").unwrap())
}

async fn a_month_is_imported_and_its_figures_match_the_hand_computed_case(db: &Db) {
    let commissioner = person(db, Role::Commissioner).await;
    let reports = import(
        db,
        &commissioner,
        "2026-09-west-midlands-stop-and-search.csv",
        &september(),
        false,
    )
    .await;
    let report = &reports[0];
    assert!(report.imported, "{:?}", report.problems);
    assert_eq!(
        (
            report.rows_read,
            report.rows_imported,
            report.rows_skipped,
            report.vehicle_only
        ),
        (142, 142, 0, 2)
    );
    assert_eq!(report.force_name, "West Midlands");
    assert_eq!(report.checksum.len(), 64);
    assert_eq!(audited(db, "stop_search.imported").await, 1);

    // On the Census 2021 table (loaded with the database) first: it names itself.
    let census = figures::disproportionality(db, &commissioner, &west_midlands(september_2026()))
        .await
        .unwrap();
    assert_eq!(census.denominator.as_ref().unwrap().name, "Census 2021");
    assert!(census.group(BroadGroup::Black).unwrap().population > 100_000);

    round_numbers(db, &commissioner).await;
    let d = figures::disproportionality(db, &commissioner, &west_midlands(september_2026()))
        .await
        .unwrap();
    assert_eq!(d.denominator.as_ref().unwrap().name, "Round numbers");
    assert_eq!(
        (d.person_searches, d.unstated, d.vehicle_only),
        (140, 10, 2)
    );
    assert!(d.months_missing.is_empty());
    let black = d.group(BroadGroup::Black).unwrap();
    assert_eq!((black.searches, black.population), (30, 2000));
    assert_eq!(black.rate, Ok(15.0));
    // ln 7.5 ± 1.959964 × √(1/30 − 1/2000 + 1/100 − 1/50000) → 4.9996 to 11.2509.
    let ratio = black.ratio.unwrap().unwrap();
    assert!((ratio.ratio - 7.5).abs() < 1e-9);
    assert!((ratio.low - 4.9996).abs() < 1e-4, "{}", ratio.low);
    assert!((ratio.high - 11.2509).abs() < 1e-4, "{}", ratio.high);
    // All 10 unstated White: 15 / 2.2 = 6.8182; all Black: 20 / 2 = 10.
    let (least, greatest) = black.unstated_range.unwrap().unwrap();
    assert!((least - 6.8182).abs() < 1e-4 && (greatest - 10.0).abs() < 1e-9);
    assert_eq!(
        (
            black.arrests,
            black.outcome_recorded,
            black.linked,
            black.linked_recorded
        ),
        (3, 30, 6, 30)
    );
    let white = d.group(BroadGroup::White).unwrap();
    // The older label counts as no further action; the blank outcome is "not recorded".
    assert_eq!(
        (
            white.arrests,
            white.no_further_action,
            white.outcome_recorded
        ),
        (10, 89, 99)
    );
    assert_eq!(white.linked_recorded, 0);
    // Asian: people, no searches; Mixed: no people; Other: not in the table.
    assert_eq!(
        d.group(BroadGroup::Asian).unwrap().ratio,
        Some(Err(NotComputable::NoSearches))
    );
    assert_eq!(
        d.group(BroadGroup::Mixed).unwrap().rate,
        Err(NotComputable::NoPopulation)
    );
    // Officer-defined: the unstated have no officer ethnicity either.
    let officer = figures::disproportionality(
        db,
        &commissioner,
        &FigureQuery {
            basis: EthnicityBasis::OfficerDefined,
            ..west_midlands(september_2026())
        },
    )
    .await
    .unwrap();
    assert_eq!(officer.unstated, 10);
    // A legislation with no searches of persons: nothing to compare, said so.
    let pace = figures::disproportionality(
        db,
        &commissioner,
        &FigureQuery {
            legislation: Some("Police and Criminal Evidence Act 1984 (section 1)".into()),
            ..west_midlands(september_2026())
        },
    )
    .await
    .unwrap();
    assert_eq!(pace.person_searches, 0);
    assert_eq!(
        pace.group(BroadGroup::Black).unwrap().ratio,
        Some(Err(NotComputable::NoWhiteSearches))
    );
    // A quarter with two months missing says which.
    let quarter = figures::disproportionality(
        db,
        &commissioner,
        &west_midlands(Period::Quarter {
            year: 2026,
            quarter: 2,
        }),
    )
    .await
    .unwrap();
    assert_eq!(quarter.months_missing.len(), 2);
    let trend = figures::trend(
        db,
        &commissioner,
        &west_midlands(Period::Rolling12(Month::parse("2026-09").unwrap())),
    )
    .await
    .unwrap();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[11].searches, 140);
    assert_eq!(trend[0].searches, 0);
}

/// A bad date, an unknown label, a short row and a byte that is not UTF-8.
fn with_problems() -> Vec<u8> {
    let mut bytes = Vec::new();
    bytes.extend(format!("{HEADINGS}\n").into_bytes());
    bytes.extend(format!("{}\n", row(BLACK, "Black", "Arrest", "True")).into_bytes());
    bytes.extend(
        format!(
            "{}\n",
            row(WHITE, "White", "Arrest", "True")
                .replace("2026-09-03T14:05:00+00:00", "3rd Sept 2026 at 2pm")
        )
        .into_bytes(),
    );
    bytes.extend(format!("{}\n", row(WHITE, "Purple", "Arrest", "True")).into_bytes());
    bytes.extend(b"Person search,2026-09-03T14:05:00+00:00,False\n");
    let mut latin1 = row(WHITE, "White", "Arrest", "True")
        .replace("Controlled drugs", "Caf\u{e9}")
        .into_bytes();
    // "é" as Latin-1: one byte, 0xE9, which is not UTF-8.
    let at = latin1.windows(2).position(|w| w == [0xC3, 0xA9]).unwrap();
    latin1.splice(at..at + 2, [0xE9]);
    bytes.extend(latin1);
    bytes.extend(b"\n");
    bytes.extend(format!("{}\n", row(WHITE, "White", "Suspect arrested", "")).into_bytes());
    bytes
}

async fn a_bad_file_is_refused_whole_and_the_database_unchanged(db: &Db) {
    let commissioner = person(db, Role::Commissioner).await;
    import(
        db,
        &commissioner,
        "2026-09-west-midlands-stop-and-search.csv",
        &september(),
        false,
    )
    .await;
    let before = searches_held(db).await;
    let reports = import(
        db,
        &commissioner,
        "2026-09-west-midlands-stop-and-search.csv",
        &with_problems(),
        false,
    )
    .await;
    let report = &reports[0];
    assert!(!report.imported);
    let found: Vec<(u64, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(
        found,
        vec![
            (3, "Date"),
            (4, "Officer-defined ethnicity"),
            (5, "(row)"),
            (6, "Object of search")
        ],
        "{:?}",
        report.problems
    );
    assert!(report.problems[0].reason.contains("3rd Sept 2026 at 2pm"));
    assert!(report.problems[2].reason.contains("3 cells"));
    assert!(report.problems[3].reason.contains("UTF-8"));
    // Nothing changed: September is as it was, and the refusal is on record and audited.
    assert_eq!(searches_held(db).await, before);
    let d = figures::disproportionality(db, &commissioner, &west_midlands(september_2026()))
        .await
        .unwrap();
    assert_eq!(d.person_searches, 140);
    assert_eq!(audited(db, "stop_search.refused").await, 1);
    let kept = records::import(db, &commissioner, report.id).await.unwrap();
    assert!(!kept.imported);
    assert_eq!(kept.problems, report.problems);
    assert_eq!(kept.problems_total, 4);
    // The same lines, whatever the line ends (data.police.uk writes CRLF).
    let crlf: Vec<u8> = with_problems()
        .split(|b| *b == b'\n')
        .collect::<Vec<_>>()
        .join(&b"\r\n"[..]);
    let reports = import(
        db,
        &commissioner,
        "2026-09-west-midlands-stop-and-search.csv",
        &crlf,
        false,
    )
    .await;
    let lines: Vec<u64> = reports[0].problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, vec![3, 4, 5, 6]);
    // A file that is not a stop and search file at all.
    let reports = import(
        db,
        &commissioner,
        "2026-09-west-midlands-stop-and-search.csv",
        b"Crime ID,Month\n1,2026-09\n",
        false,
    )
    .await;
    assert!(!reports[0].imported);
    assert_eq!(reports[0].problems[0].column, "(headings)");
    assert_eq!(searches_held(db).await, before);
}

async fn skipping_bad_rows_imports_the_rest_and_lists_them(db: &Db) {
    let secretariat = person(db, Role::Secretariat).await;
    let reports = import(
        db,
        &secretariat,
        "2026-08-west-midlands-stop-and-search.csv",
        &with_problems(),
        true,
    )
    .await;
    let report = &reports[0];
    assert!(report.imported);
    assert_eq!(
        (report.rows_read, report.rows_imported, report.rows_skipped),
        (6, 2, 4)
    );
    assert_eq!(report.problems.len(), 4);
    assert_eq!(searches_held(db).await, 2);
    let kept = records::import(db, &secretariat, report.id).await.unwrap();
    assert_eq!(kept.rows_skipped, 4);
    assert_eq!(kept.problems.len(), 4);
}

async fn importing_a_month_again_replaces_it(db: &Db) {
    let admin = person(db, Role::Admin).await;
    let first = import(
        db,
        &admin,
        "2026-09-west-midlands-stop-and-search.csv",
        &september(),
        false,
    )
    .await;
    assert!(!first[0].replaced);
    let again = import(
        db,
        &admin,
        "2026-09-west-midlands-stop-and-search.csv",
        &september(),
        false,
    )
    .await;
    assert!(again[0].replaced);
    assert_eq!(searches_held(db).await, 142);
    let d = figures::disproportionality(db, &admin, &west_midlands(september_2026()))
        .await
        .unwrap();
    assert_eq!(d.person_searches, 140);
    // Another force's month sits beside it.
    import(
        db,
        &admin,
        "2026-09-west-mercia-stop-and-search.csv",
        &september(),
        false,
    )
    .await;
    assert_eq!(searches_held(db).await, 284);
    assert_eq!(
        records::forces_with_data(db).await.unwrap()[0].slug,
        "west-mercia"
    );
    counts_match_the_records(db).await;
}

/// The counts added up while importing are what the records held say, row for row.
async fn counts_match_the_records(db: &Db) {
    let read = |sql: String| async move {
        let rows = sqlx::query(&sql).fetch_all(db.pool()).await.unwrap();
        rows.iter()
            .map(|r| {
                (0..11)
                    .map(|i| r.get::<String, _>(i))
                    .collect::<Vec<String>>()
                    .join("|")
            })
            .collect::<Vec<String>>()
    };
    let kept = read(
        "SELECT force, month, legislation, basis, broad_group, CAST(searches AS TEXT),
                CAST(arrests AS TEXT), CAST(no_further_action AS TEXT),
                CAST(outcome_recorded AS TEXT), CAST(linked AS TEXT),
                CAST(linked_recorded AS TEXT)
         FROM stop_search_counts"
            .to_owned(),
    )
    .await;
    let mut recounted = Vec::new();
    for (basis, column) in [("self", "self_group"), ("officer", "officer_group")] {
        recounted.extend(
            read(format!(
                "SELECT force, month, COALESCE(legislation, ''), '{basis}', COALESCE({column}, ''),
                        CAST(COUNT(*) AS TEXT),
                        CAST(SUM(CASE WHEN outcome = 'arrest' THEN 1 ELSE 0 END) AS TEXT),
                        CAST(SUM(CASE WHEN outcome = 'no_further_action' THEN 1 ELSE 0 END) AS TEXT),
                        CAST(SUM(CASE WHEN outcome IS NULL THEN 0 ELSE 1 END) AS TEXT),
                        CAST(SUM(CASE WHEN outcome_linked = 1 THEN 1 ELSE 0 END) AS TEXT),
                        CAST(SUM(CASE WHEN outcome_linked IS NULL THEN 0 ELSE 1 END) AS TEXT)
                 FROM stop_searches WHERE search_type <> 'vehicle'
                 GROUP BY force, month, COALESCE(legislation, ''), COALESCE({column}, '')"
            ))
            .await,
        );
    }
    recounted.sort();
    let mut kept = kept;
    kept.sort();
    assert!(!kept.is_empty());
    assert_eq!(kept, recounted);
}

/// A file that arrives in two parts: the second only when the test sends it.
struct Arriving {
    parts: std::sync::mpsc::Receiver<Vec<u8>>,
    part: std::io::Cursor<Vec<u8>>,
}

impl std::io::Read for Arriving {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let n = self.part.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            match self.parts.recv() {
                Ok(next) => self.part = std::io::Cursor::new(next),
                Err(_) => return Ok(0),
            }
        }
    }
}

/// An import holds no lock while it reads: a 68 MB file once kept SQLite's write lock for
/// its whole run, and sign-ins beside it failed after 10 s. Here the file stops part way
/// until the test lets it go on, and meanwhile another server's write goes through at once,
/// and nothing reads the part-imported month.
async fn other_writers_take_turns_with_an_import_under_way(db: &Db) {
    use services::evidence::import::{import, ImportRequest};
    let admin = person(db, Role::Admin).await;
    let line = row(WHITE, "White", "Arrest", "True");
    let first = format!("{HEADINGS}\r\n{}", format!("{line}\r\n").repeat(1000));
    let rest = format!("{line}\r\n").repeat(500);
    let (send, parts) = std::sync::mpsc::channel();
    send.send(first.into_bytes()).unwrap();
    let request = ImportRequest {
        file_name: "2026-09-west-midlands-stop-and-search.csv".into(),
        force: Force::by_slug("west-midlands").unwrap(),
        month: Month::parse("2026-09").unwrap(),
        skip_bad_rows: false,
        check_only: false,
    };
    let file = Arriving {
        parts,
        part: std::io::Cursor::new(Vec::new()),
    };
    let importing = {
        let (db, admin) = (db.clone(), admin.clone());
        tokio::spawn(async move { import(&db, &admin, &request, file, &|_| {}).await })
    };
    let waited = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while searches_held(db).await < 800 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    })
    .await;
    assert!(waited.is_ok(), "the first rows were never written");
    let other = db.another_pool().await;
    let write = tokio::time::timeout(std::time::Duration::from_secs(3), async {
        let mut tx = other.begin().await?;
        sqlx::query(
            "INSERT INTO topics (name, position, retired, created_at) VALUES ('written beside an import', 99, 0, 0)",
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
    .await;
    assert!(
        matches!(write, Ok(Ok(()))),
        "another writer was kept waiting: {write:?}"
    );
    other.close().await;
    // The month is not there yet for anyone to read.
    assert!(records::forces_with_data(db).await.unwrap().is_empty());
    assert!(records::imports(db, &admin, 10).await.unwrap().is_empty());
    send.send(rest.into_bytes()).unwrap();
    drop(send);
    let report = importing.await.unwrap().unwrap();
    assert!(report.imported, "{:?}", report.problems);
    assert_eq!(report.rows_imported, 1500);
    assert_eq!(searches_held(db).await, 1500);
    assert_eq!(records::imports(db, &admin, 10).await.unwrap().len(), 1);
    counts_match_the_records(db).await;
}

async fn a_zip_of_monthly_folders_is_imported_file_by_file(db: &Db) {
    let commissioner = person(db, Role::Commissioner).await;
    let mut zip_bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut zip_bytes));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.add_directory("2026-08/", options).unwrap();
        zip.start_file("2026-08/2026-08-west-midlands-stop-and-search.csv", options)
            .unwrap();
        zip.write_all(&september()).unwrap();
        zip.start_file("2026-08/2026-08-west-midlands-street.csv", options)
            .unwrap();
        zip.write_all(b"Crime ID,Month\n").unwrap();
        zip.add_directory("2026-09/", options).unwrap();
        zip.start_file("2026-09/2026-09-west-midlands-stop-and-search.csv", options)
            .unwrap();
        zip.write_all(&september()).unwrap();
        zip.finish().unwrap();
    }
    let spooled = spool(&zip_bytes);
    let outcome = files::import_path(
        db,
        &commissioner,
        &spooled.path,
        "download.zip",
        &Choices::default(),
        &|_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(outcome.reports.len(), 2);
    assert_eq!(
        outcome.passed_over,
        vec!["2026-08/2026-08-west-midlands-street.csv".to_owned()]
    );
    assert!(outcome
        .reports
        .iter()
        .all(|r| r.imported && r.rows_imported == 142));
    let range = Period::Range {
        first: Month::parse("2026-08").unwrap(),
        last: Month::parse("2026-09").unwrap(),
    };
    let d = figures::disproportionality(db, &commissioner, &west_midlands(range))
        .await
        .unwrap();
    assert_eq!(d.person_searches, 280);
    // Not a zip, a zip with nothing to import, and a file whose name does not say.
    let spooled = spool(b"PK\x03\x04 not really a zip");
    let refused = files::import_path(
        db,
        &commissioner,
        &spooled.path,
        "x.zip",
        &Choices::default(),
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(
        refused.unwrap_err(),
        domain::evidence::UploadProblem::NotZip
    );
    let spooled = spool(&september());
    let refused = files::import_path(
        db,
        &commissioner,
        &spooled.path,
        "september.csv",
        &Choices::default(),
        &|_, _| {},
    )
    .await
    .unwrap();
    assert_eq!(
        refused.unwrap_err(),
        domain::evidence::UploadProblem::NoForce
    );
    let chosen = Choices {
        force: Some("west-midlands".into()),
        month: Some("2026-07".into()),
        skip_bad_rows: false,
        check_only: false,
    };
    let outcome = files::import_path(
        db,
        &commissioner,
        &spooled.path,
        "september.csv",
        &chosen,
        &|_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(outcome.reports[0].month.to_string(), "2026-07");
}

async fn population_tables_are_checked_and_chosen(db: &Db) {
    let commissioner = person(db, Role::Commissioner).await;
    let tables = populations::tables(db).await.unwrap();
    assert_eq!(tables.len(), 1);
    assert!(tables[0].1, "the census is the default");
    let details = TableDetails {
        name: "Bad".into(),
        source: "The test".into(),
        year: 2026,
    };
    let problems = populations::import(
        db,
        &commissioner,
        &details,
        true,
        "pfa_code,ethnic_group,population\nE23000014,Black,-5\n".as_bytes(),
    )
    .await
    .unwrap()
    .unwrap_err();
    assert_eq!(
        (problems[0].line, problems[0].column.as_str()),
        (2, "population")
    );
    assert_eq!(populations::tables(db).await.unwrap().len(), 1);
    let error = populations::import(
        db,
        &commissioner,
        &TableDetails {
            name: " ".into(),
            ..details.clone()
        },
        true,
        "".as_bytes(),
    )
    .await
    .unwrap_err();
    assert!(matches!(error, Error::Invalid(ref e) if e.get("name").is_some()));
    round_numbers(db, &commissioner).await;
    let tables = populations::tables(db).await.unwrap();
    assert_eq!(tables[0].0.name, "Round numbers");
    assert!(tables[0].1);
    let census = tables
        .iter()
        .find(|(d, _)| d.name == "Census 2021")
        .unwrap()
        .0
        .table_id;
    populations::choose_default(db, &commissioner, census)
        .await
        .unwrap();
    assert_eq!(
        populations::chosen(db, None).await.unwrap().unwrap().name,
        "Census 2021"
    );
    assert!(matches!(
        populations::choose_default(db, &commissioner, 9_999).await,
        Err(Error::NotFound)
    ));
    assert_eq!(audited(db, "population_table.imported").await, 1);
}

async fn only_the_office_imports(db: &Db) {
    let liaison = person(db, Role::ForceLiaison).await;
    let spooled = spool(&september());
    let refused = files::import_path(
        db,
        &liaison,
        &spooled.path,
        "2026-09-west-midlands-stop-and-search.csv",
        &Choices::default(),
        &|_, _| {},
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden)));
    assert!(matches!(
        records::imports(db, &liaison, 10).await,
        Err(Error::Forbidden)
    ));
    // Force liaison may read the figures (they are from open data).
    figures::disproportionality(db, &liaison, &west_midlands(september_2026()))
        .await
        .unwrap();
    assert!(matches!(
        figures::disproportionality(
            db,
            &Actor::anonymous(None),
            &west_midlands(september_2026())
        )
        .await,
        Err(Error::Unauthenticated)
    ));
    assert_eq!(searches_held(db).await, 0);
}

/// A complaints file with a bad quarter, a negative count and a missing column is refused
/// whole with line and reason; a good one (BOM, CRLF, quoted commas in numbers) is read
/// into series beside the group and the nation, a quarter imported again is replaced, and
/// a threshold flags the force when it is far above the nation.
async fn complaints_files_are_refused_whole_or_imported_and_flagged(db: &Db) {
    use services::evidence::complaints;
    let office = person(db, Role::Secretariat).await;
    let commissioner = person(db, Role::Commissioner).await;
    let liaison = person(db, Role::ForceLiaison).await;
    let count = |db: &Db| {
        let db = db.clone();
        async move {
            sqlx::query("SELECT COUNT(*) AS n FROM complaint_figures")
                .fetch_one(db.pool())
                .await
                .unwrap()
                .try_get::<i64, _>("n")
                .unwrap()
        }
    };
    let bad = "force,quarter,measure,value,msf_value,national_value\r\n\
        West Midlands Police,2025/26 Q1,cases_logged,1520,1310,\r\n\
        West Midlands Police,2025/27 Q2,cases_logged,1490,1300,\r\n\
        West Midlands Police,2025/26 Q2,days_to_log,-3,4.4,4.1\r\n\
        Gotham City Police,2025/26 Q2,cases_logged,10,,\r\n";
    let (id, imported) = complaints::import(db, &office, "bad.csv", bad.as_bytes())
        .await
        .unwrap();
    assert!(!imported);
    let record = complaints::import_record(db, &office, id).await.unwrap();
    let problems: Vec<(u64, &str)> = record
        .problems
        .iter()
        .map(|p| (p.line, p.column.as_str()))
        .collect();
    assert_eq!(problems, [(3, "quarter"), (4, "value"), (5, "force")]);
    assert!(record.problems[0].reason.contains("2025/26 Q1"));
    assert!(record.problems[1].reason.contains("negative"));
    assert_eq!(count(db).await, 0, "nothing saved");
    let missing = "force,quarter,measure,value,msf_value\nWest Midlands Police,2025/26 Q1,cases_logged,1520,1310\n";
    let (id, imported) = complaints::import(db, &office, "missing.csv", missing.as_bytes())
        .await
        .unwrap();
    assert!(!imported);
    let record = complaints::import_record(db, &office, id).await.unwrap();
    assert_eq!(record.problems[0].line, 1);
    assert!(
        record.problems[0].reason.contains("national_value"),
        "{:?}",
        record.problems
    );
    assert_eq!(audited(db, "evidence.complaints_refused").await, 2);

    let good = "\u{feff}quarter,force,measure,value,msf_value,national_value\r\n\
        2025/26 Q1,West Midlands Police,cases_logged,\"1,520\",1310.5,\r\n\
        2025/26 Q2,West Midlands Police,cases_logged,1490,1300,\r\n\
        2025/26 Q1,West Midlands Police,days_to_contact,4.2,3.1,3\r\n\
        2025/26 Q2,West Midlands Police,days_to_contact,6,3.2,3\r\n\
        \r\n\
        2025/26 Q2,west-midlands,discrimination:race,71,52,\r\n";
    let (_, imported) = complaints::import(db, &office, "good.csv", good.as_bytes())
        .await
        .unwrap();
    assert!(imported);
    assert_eq!(count(db).await, 5);
    let page = complaints::page(db, &liaison, "").await.unwrap();
    assert!(
        page.imports.is_empty() && !page.may_import,
        "force liaison reads the figures only"
    );
    assert_eq!(
        page.force.as_ref().map(|f| f.0.as_str()),
        Some("west-midlands")
    );
    let cases = &page.series[0];
    assert_eq!(
        cases.measure,
        domain::evidence::ComplaintMeasure::CasesLogged
    );
    assert_eq!(
        cases.points.iter().map(|p| p.force).collect::<Vec<_>>(),
        [1520.0, 1490.0]
    );
    assert_eq!(cases.points[0].msf, Some(1310.5));
    assert_eq!(cases.points[0].national, None);
    assert!(page.series.iter().all(|s| s.flagged.is_none()));

    // A quarter imported again replaces it.
    let again = "force,quarter,measure,value,msf_value,national_value\nWest Midlands Police,2025/26 Q2,cases_logged,1500,1300,\n";
    complaints::import(db, &office, "again.csv", again.as_bytes())
        .await
        .unwrap();
    assert_eq!(count(db).await, 5);
    let page = complaints::page(db, &office, "west-midlands")
        .await
        .unwrap();
    assert_eq!(page.series[0].points[1].force, 1500.0);

    // Contact took 6 working days against 3 nationally: 100% above.
    assert!(matches!(
        complaints::add_threshold(db, &office, "", "50").await,
        Err(Error::Forbidden)
    ));
    let e = complaints::add_threshold(db, &commissioner, "days", "-1")
        .await
        .unwrap_err();
    let Error::Invalid(errors) = e else { panic!() };
    assert!(errors.get("threshold_measure").is_some() && errors.get("percent").is_some());
    complaints::add_threshold(db, &commissioner, "days_to_contact", "100")
        .await
        .unwrap();
    let page = complaints::page(db, &office, "west-midlands")
        .await
        .unwrap();
    let contact = page
        .series
        .iter()
        .find(|s| s.measure == domain::evidence::ComplaintMeasure::DaysToContact)
        .unwrap();
    let flagged = contact.flagged.as_deref().unwrap();
    assert!(
        flagged.contains("2025/26 Q2") && flagged.contains("100% above"),
        "{flagged}"
    );
    assert!(page.series.iter().filter(|s| s.flagged.is_some()).count() == 1);
    assert!(matches!(
        complaints::import(db, &liaison, "x.csv", good.as_bytes()).await,
        Err(Error::Forbidden)
    ));
}
