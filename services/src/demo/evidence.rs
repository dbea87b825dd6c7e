//! The demo's stop and search evidence: twelve months of generated records for West
//! Midlands in the data.police.uk format, imported through the same import as real files
//! (so each month has its import record), published, with the Black / White figure
//! attached to the demo's question about it. Generated, not real: the import records
//! name the files as demo data.

use domain::evidence::{Force, Month};

use crate::audit::Actor;
use crate::evidence::import::{import, ImportRequest};
use crate::evidence::{on_questions, thresholds};
use crate::{Db, Result};

const HEADINGS: &str = "Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing";

/// (self-defined label, officer-defined, share in thousandths).
const PEOPLE: [(&str, &str, u64); 8] = [
    (
        "White - English/Welsh/Scottish/Northern Irish/British",
        "White",
        480,
    ),
    ("White - Any other White background", "White", 60),
    ("Asian/Asian British - Pakistani", "Asian", 120),
    (
        "Asian/Asian British - Any other Asian background",
        "Asian",
        70,
    ),
    (
        "Black/African/Caribbean/Black British - Caribbean",
        "Black",
        90,
    ),
    (
        "Black/African/Caribbean/Black British - African",
        "Black",
        50,
    ),
    (
        "Mixed/Multiple ethnic groups - White and Black Caribbean",
        "Black",
        50,
    ),
    ("Other ethnic group - Not stated", "", 80),
];

/// A deterministic stream of numbers below `n`.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// One month as data.police.uk writes it (BOM, CRLF).
fn month_file(month: Month, dice: &mut Dice) -> String {
    let mut lines = vec![format!("\u{feff}{HEADINGS}")];
    let searches = 850 + dice.roll(200);
    for _ in 0..searches {
        let day = 1 + dice.roll(28);
        let at = format!(
            "{month}-{day:02}T{:02}:{:02}:00+00:00",
            dice.roll(24),
            dice.roll(60)
        );
        if dice.roll(50) == 0 {
            lines.push(format!("Vehicle search,{at},False,,,,,,,,Police and Criminal Evidence Act 1984 (section 1),Stolen goods,A no further action disposal,False,"));
            continue;
        }
        let mut pick = dice.roll(1000);
        let (self_defined, officer) = PEOPLE
            .iter()
            .find(|(_, _, share)| {
                let found = pick < *share;
                pick = pick.saturating_sub(*share);
                found
            })
            .map(|(s, o, _)| (*s, *o))
            .unwrap_or((PEOPLE[0].0, PEOPLE[0].1));
        let legislation = match dice.roll(100) {
            0..60 => "Misuse of Drugs Act 1971 (section 23)",
            60..97 => "Police and Criminal Evidence Act 1984 (section 1)",
            _ => "Criminal Justice and Public Order Act 1994 (section 60)",
        };
        let (object, outcome) = match dice.roll(100) {
            0..68 => ("Controlled drugs", "A no further action disposal"),
            68..83 => ("Offensive weapons", "Arrest"),
            83..91 => ("Controlled drugs", "Community resolution"),
            91..96 => ("Controlled drugs", "Khat or Cannabis warning"),
            _ => ("Stolen goods", "Summons / charged by post"),
        };
        let linked = ["True", "False", "False", ""][dice.roll(4) as usize];
        let gender = ["Male", "Male", "Male", "Female"][dice.roll(4) as usize];
        let age = ["10-17", "18-24", "18-24", "25-34", "over 34"][dice.roll(5) as usize];
        lines.push(format!(
            "Person search,{at},False,,52.4{:04},-1.8{:04},{gender},{age},\"{self_defined}\",{officer},{legislation},{object},{outcome},{linked},False",
            dice.roll(10_000),
            dice.roll(10_000)
        ));
    }
    lines.join("\r\n") + "\r\n"
}

/// Loads the twelve months to the month before `today`'s, publishes them, and attaches the
/// Black / White figure to `question`.
pub(super) async fn load(
    db: &Db,
    actor: &Actor,
    today: chrono::NaiveDate,
    question: i64,
) -> Result<()> {
    use chrono::Datelike;
    let Some(force) = Force::by_slug("west-midlands") else {
        return Ok(());
    };
    let this_month = Month::new(today.year() as u16, today.month() as u8)
        .ok_or_else(|| crate::Error::Unexpected(anyhow::anyhow!("no month for {today}")))?;
    let last = this_month.plus(-1);
    crate::evidence::settings::set_our_force(db, actor, force.slug).await?;
    let mut dice = Dice(0x5eed_2026);
    for back in (0..12).rev() {
        let month = last.plus(-back);
        let file = month_file(month, &mut dice);
        let request = ImportRequest {
            file_name: format!("{month}-west-midlands-stop-and-search.csv (generated demo data)"),
            force,
            month,
            skip_bad_rows: false,
            check_only: false,
        };
        import(
            db,
            actor,
            &request,
            std::io::Cursor::new(file.into_bytes()),
            &|_| {},
        )
        .await?;
    }
    thresholds::set_published(db, actor, force.slug, true).await?;
    on_questions::attach(
        db,
        actor,
        question,
        "black",
        &format!("force=west-midlands&period=rolling&month={last}"),
    )
    .await?;
    Ok(())
}
