//! The demo's equality framework: West Mercia's Equality Objectives 2021–2025 word for word
//! (from `../shared/seeds/`), with progress updates, the demo's questions and actions
//! tagged, and this year's annual equality report published.

use domain::equality::{Aim, Characteristic, Tag};

use crate::audit::Actor;
use crate::equality::{objectives, report, tags};
use crate::register::Subject;
use crate::{Db, Result};

const COMMUNITIES: [&str; 7] = [
    "Ensure that every victim has access to services they need to help them cope and recover, regardless of geography, personal characteristics, or circumstance.",
    "Ensure representation of all demographics and communities across West Mercia in plans for victim services, acknowledging their needs and challenges.",
    "Support the PCC to be visible and accessible to all communities in West Mercia.",
    "Ensure all individuals and communities who contact us are dealt with fairly, equally and respectfully.",
    "Develop new platforms and outlets to engage with under-represented voices from our communities and ensure their needs and concerns are understood and acted upon.",
    "Develop and implement a new engagement strategy to foster good relationships across diverse communities, and ensure the PCC represents everyone in West Mercia.",
    "Deliver an Estates Strategy to meet the needs of our communities; ensuring the police Estate is accessible to everyone.",
];

const ORGANISATION: [&str; 7] = [
    "Attract and retain staff and volunteers that reflect our diverse communities.",
    "Ensure equality of opportunity for all staff and volunteers throughout every stage of employment; from recruitment, retention and promotion, to exit from service.",
    "Recognise the needs of diverse groups within our workforce and ensure appropriate support is available for all staff and volunteers.",
    "Provide training to increase the knowledge and confidence of all staff on issues relating to equality, diversity and inclusion.",
    "Cultivate an inclusive culture where all individuals are treated with fairness, dignity and respect.",
    "Recognise, challenge and effectively address any inappropriate behaviour, language or dignity at work issues that may arise.",
    "Maximise the transparency of our organisation to ensure our activities and decisions can be scrutinised and feedback used to improve the service provided to the public.",
];

const PARTNERS: [&str; 4] = [
    "Work with local, regional and national partners to champion diversity, equality and inclusion in policing and community safety.",
    "Engage with partners and stakeholders to understand, and where possible, address disproportionality in the Criminal Justice System and improve the service to the public.",
    "Support the PCC to hold the Chief Constable of West Mercia Police to account for the exercise of all duties relating to equality, diversity and inclusion.",
    "Require all service providers, organisations or individuals who enter into a contract, or receive funding from the PCC to comply with the Equality Act and any further terms and conditions related to equality and diversity as set by the PCC.",
];

/// Loads the plan and its objectives, and tags `stop_search_question`,
/// `shared_action` (the analysis of the disparity) and `workforce_action`.
pub(super) async fn load(
    db: &Db,
    actor: &Actor,
    stop_search_question: i64,
    shared_action: i64,
    workforce_action: i64,
) -> Result<()> {
    let plan = objectives::add_plan(
        db,
        actor,
        objectives::NewPlan::parse("Equality Objectives 2021–2025", "2021-04-01", "2025-03-31")?,
    )
    .await?;
    let mut ids = Vec::new();
    for (group, list, owner) in [
        ("communities", &COMMUNITIES[..], "Head of Commissioning"),
        ("organisation", &ORGANISATION[..], "Chief Executive"),
        ("partners", &PARTNERS[..], "Policy and Accountability Lead"),
    ] {
        for text in list {
            ids.push(objectives::add_objective(db, actor, plan, group, text, owner).await?);
        }
    }
    let (victims, staff, disproportionality, account, contracts) =
        (ids[0], ids[7], ids[15], ids[16], ids[17]);
    for (objective, rating, update) in [
        (victims, "on_track", "The victims' needs assessment now reports by ethnicity, age and disability; two new services for victims with learning disabilities were commissioned."),
        (staff, "at_risk", "Applications from minority ethnic candidates fell from 14% to 11% this year. The positive action programme is being reviewed with the force."),
        (disproportionality, "at_risk", "Stop and search: Black people are searched at several times the rate of White people (see the evidence page). The Commissioner has asked the force to explain the difference."),
        (account, "on_track", "Equality is a standing item of the Strategic Policing and Crime Board; every question is tagged with the objectives and characteristics it concerns."),
        (contracts, "off_track", "Equality monitoring returns are missing from three of the eleven commissioned services."),
    ] {
        objectives::add_update(db, actor, objective, rating, update).await?;
    }
    let race = Tag::Characteristic(Characteristic::Race);
    let keys = |list: &[Tag]| list.iter().map(|t| t.key()).collect::<Vec<_>>();
    tags::set(
        db,
        actor,
        Subject::Question,
        stop_search_question,
        &keys(&[
            race,
            Tag::Characteristic(Characteristic::Age),
            Tag::Aim(Aim::EliminateDiscrimination),
            Tag::Objective(disproportionality),
            Tag::Objective(account),
        ]),
    )
    .await?;
    tags::set(
        db,
        actor,
        Subject::Action,
        shared_action,
        &keys(&[race, Tag::Objective(disproportionality)]),
    )
    .await?;
    tags::set(
        db,
        actor,
        Subject::Action,
        workforce_action,
        &keys(&[race, Tag::Aim(Aim::AdvanceEquality), Tag::Objective(staff)]),
    )
    .await?;
    commissioned_services(db, actor).await?;
    complaints(db, actor).await?;
    let year = crate::equality::financial_year_of(crate::common::london::today());
    report::set_published(db, actor, year, true, "").await
}

/// Two commissioned services bound to the duty: one return received, one overdue, one
/// due soon.
async fn commissioned_services(db: &Db, actor: &Actor) -> Result<()> {
    use crate::equality::contracts::{self, NewContract};
    let today = crate::common::london::today();
    let day = |days: i64| crate::db::codec::day_text(today + chrono::Duration::days(days));
    let advisers = contracts::add(
        db,
        actor,
        NewContract::parse(
            "contract",
            "Independent sexual violence advisers",
            "Safer Lives CIC",
            "£248,000",
            &day(-240),
            &day(490),
            "- Equality monitoring of everyone who uses the service, by each protected characteristic, every six months\n- Premises and materials accessible to disabled people; interpreters on request\n- Staff trained in equality and inclusion within three months of starting",
            "Head of Commissioning",
            &format!("{}\n{}\n{}", day(-60), day(-5), day(120)),
        )?,
    )
    .await?;
    contracts::record_return(
        db,
        actor,
        advisers,
        &day(-60),
        &day(-58),
        "Six-month monitoring: users by age, sex, ethnicity and disability. Referrals from minority ethnic communities are below their share of the population.",
        "at_risk",
    )
    .await?;
    contracts::add(
        db,
        actor,
        NewContract::parse(
            "grant",
            "Community hate crime reporting centres",
            "West Midlands Community Voice",
            "£35,000",
            &day(-100),
            &day(265),
            "Report quarterly on who reports hate crime through the centres, by the characteristic targeted.",
            "Policy and Accountability Lead",
            &format!("{}\n{}", day(10), day(100)),
        )?,
    )
    .await?;
    Ok(())
}

/// Eight generated quarters of West Midlands complaints figures, imported through the same
/// import as a real file (its record names it as demo data). The time to contact
/// complainants drifts above the national figure, which the demo's threshold flags.
async fn complaints(db: &Db, actor: &Actor) -> Result<()> {
    let today = crate::common::london::today();
    let this = crate::equality::financial_year_of(today);
    let mut lines = vec!["force,quarter,measure,value,msf_value,national_value".to_owned()];
    for n in 0..8i32 {
        let (year, quarter) = (this - 2 + n / 4, n % 4 + 1);
        let q = format!("{year}/{:02} Q{quarter}", (year + 1) % 100);
        let f = f64::from(n);
        for (measure, force, msf, national) in [
            (
                "cases_logged",
                1480.0 + 12.0 * f,
                1300.0 + 5.0 * f,
                String::new(),
            ),
            (
                "allegations_logged",
                2900.0 + 25.0 * f,
                2550.0 + 10.0 * f,
                String::new(),
            ),
            ("days_to_contact", 3.2 + 0.35 * f, 3.1, "3".to_owned()),
            ("days_to_log", 4.6 + 0.2 * f, 4.4, "4.1".to_owned()),
            ("days_to_finalise", 150.0 - 2.0 * f, 131.0, "125".to_owned()),
            (
                "allegations:discriminatory_behaviour",
                104.0 + 3.0 * f,
                86.0,
                String::new(),
            ),
            ("discrimination:race", 66.0 + 2.0 * f, 51.0, String::new()),
            (
                "discrimination:religion_belief",
                9.0 + f % 3.0,
                7.0,
                String::new(),
            ),
        ] {
            lines.push(format!(
                "West Midlands Police,{q},{measure},{force:.1},{msf:.1},{national}"
            ));
        }
    }
    let file = lines.join("\r\n") + "\r\n";
    crate::evidence::complaints::import(
        db,
        actor,
        "demo-complaints-generated.csv",
        file.as_bytes(),
    )
    .await?;
    crate::evidence::complaints::add_threshold(db, actor, "days_to_contact", "50").await?;
    Ok(())
}
