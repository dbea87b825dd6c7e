//! A real Scrutineer server on a free port, over a fresh SQLite file, with one account per
//! role; and HTTP clients that keep cookies as a browser does.

use std::net::SocketAddr;

use app::context::{AppState, CookieSettings};
use domain::{Role, UserId};
use services::accounts::auth::Throttle;
use services::accounts::sessions::SessionPolicy;
use services::accounts::users::NewUser;
use services::audit::Actor;
use services::db::scratch::ScratchDb;
use services::register::Subject;
use services::{register::actions, register::questions};

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestServer {
    pub base: String,
    /// The account of each role, by role.
    pub accounts: Vec<(Role, UserId, String)>,
    /// An account no test signs in as, for changes that would stop its person working
    /// (an admin's password reset makes them choose a new one first).
    pub bystander: UserId,
    /// The second-factor secret each role's set-up page shows.
    pub secrets: Vec<(Role, services::accounts::totp::Secret)>,
    pub records: Records,
    /// The server's database, for checking what a request did.
    pub db: services::Db,
    _db: ScratchDb,
}

/// Records made before the server starts, for pages and calls that need one: a board with a
/// published meeting that has an agenda item, and for each caller (by label) things of its
/// own to remove or move on, so that each caller's call can succeed once.
pub struct Records {
    pub board: i64,
    pub meeting: i64,
    /// A published meeting whose minutes are published.
    pub minutes_meeting: i64,
    pub agenda_item: i64,
    /// Owned by the force, open: every signed-in role may read it.
    pub action: i64,
    /// Owned by the OPCC: force liaison may not know it exists.
    pub opcc_action: i64,
    /// Owned by the force and published: on the public pages.
    pub published_action: i64,
    /// Put to the force and published.
    pub question: i64,
    /// A draft: the OPCC's alone.
    pub draft_question: i64,
    /// An import of one month of stop and search data for West Midlands.
    pub stop_search_import: i64,
    /// An import waiting for its unknown label to be mapped, its file kept.
    pub asking_import: i64,
    /// An equality objective (of a plan), and the year of a published equality report.
    pub objective: i64,
    pub report_year: i64,
    /// A contract with a monitoring return due for each caller (`due_for`).
    pub contract: i64,
    /// An import of complaints figures (the template).
    pub complaints_import: i64,
    pub per_caller: Vec<(&'static str, Spare)>,
}

pub struct Spare {
    pub member: i64,
    pub agenda_item: i64,
    /// A held meeting whose minutes are a draft at version 1.
    pub meeting: i64,
    /// A force-owned open action.
    pub action: i64,
    /// A force-owned action whose response awaits assessment.
    pub responded: i64,
    /// A force-owned action with an extension request awaiting a decision.
    pub extension: i64,
    /// Questions: a draft, one awaiting an answer, one answered.
    pub draft_question: i64,
    pub asked_question: i64,
    pub answered_question: i64,
    /// A draft to correct and then delete.
    pub unwanted_draft: i64,
    /// An owner's title to remove.
    pub owner_title: i64,
    /// The response of `responded`, and a redaction of a phrase in it to lift.
    pub response: i64,
    pub redaction: i64,
}

impl Records {
    pub fn spare(&self, label: &str) -> &Spare {
        &self.per_caller.iter().find(|(l, _)| *l == label).unwrap().1
    }
}

/// Caller labels, as the access tests name them.
pub const LABELS: [&str; 5] = [
    "signed-out",
    "admin",
    "secretariat",
    "commissioner",
    "force_liaison",
];

async fn make_records(db: &services::Db) -> Records {
    use services::{meetings::agenda, meetings::boards, meetings::meeting, meetings::minutes};
    let actor = Actor::command_line();
    let now = services::now();
    let board = boards::create(
        db,
        &actor,
        boards::NewBoard::parse("TEST", "Test Board", "").unwrap(),
    )
    .await
    .unwrap()
    .id;
    let held =
        || meeting::MeetingDetails::parse("2025-05-06", "10:00", "HQ", "", "held", now).unwrap();
    let meeting = meeting::create(db, &actor, board, held()).await.unwrap();
    meeting::set_published(db, &actor, meeting, true)
        .await
        .unwrap();
    // An earlier meeting whose minutes are published (version 1 is at its own public
    // address), approved at the meeting above.
    let earlier =
        meeting::MeetingDetails::parse("2025-04-01", "10:00", "HQ", "", "held", now).unwrap();
    let minutes_meeting = meeting::create(db, &actor, board, earlier).await.unwrap();
    let body = minutes::MinutesBody::parse("Minutes of the meeting.")
        .await
        .unwrap();
    minutes::save(db, &actor, minutes_meeting, 0, body, "")
        .await
        .unwrap();
    minutes::submit(db, &actor, minutes_meeting).await.unwrap();
    minutes::approve(db, &actor, minutes_meeting, &meeting.to_string())
        .await
        .unwrap();
    minutes::publish(db, &actor, minutes_meeting).await.unwrap();
    let item =
        || agenda::ItemDetails::parse("Review of Action Tracker", "", "assurance", "").unwrap();
    let agenda_item = agenda::add(db, &actor, meeting, item()).await.unwrap();
    let register = Register::new(db, board).await;
    let action = register.action("force").await;
    let opcc_action = register.action("opcc").await;
    let published_action = register.action("force").await;
    actions::set_published(db, &actor, published_action, true)
        .await
        .unwrap();
    // Raised at the published meeting: each reader is offered that meeting where they
    // may read it (the crawl follows the link).
    let question = register.question_at(true, Some(meeting)).await;
    questions::set_published(db, &actor, question, true)
        .await
        .unwrap();
    let draft_question = register.question(false).await;
    let stop_search_import = stop_search_month(db).await;
    let asking_import = stop_search_asking(db).await;
    let (objective, report_year) = equality(db).await;
    let contract = contract(db).await;
    let complaints_import = services::evidence::complaints::import(
        db,
        &services::audit::Actor::command_line(),
        "complaints-template.csv",
        services::evidence::complaints::TEMPLATE.as_bytes(),
    )
    .await
    .unwrap()
    .0;
    let mut per_caller = Vec::new();
    for label in LABELS {
        let member = boards::add_member(
            db,
            &actor,
            board,
            boards::NewMember::parse("", label, "", "").unwrap(),
        )
        .await
        .unwrap();
        let spare_item = agenda::add(db, &actor, meeting, item()).await.unwrap();
        let spare_meeting = meeting::create(db, &actor, board, held()).await.unwrap();
        let body = minutes::MinutesBody::parse(
            "Draft minutes\n\nACTION: Force to report back to the board by 2030-01-31",
        )
        .await
        .unwrap();
        minutes::save(db, &actor, spare_meeting, 0, body, "")
            .await
            .unwrap();
        let responded = register.action("force").await;
        let received = services::common::london::today().to_string();
        let response = actions::ResponseInput {
            text: "Done",
            received_on: &received,
            channel: "letter",
        };
        actions::record_response(db, &actor, responded, &response)
            .await
            .unwrap();
        let response = services::register::words::latest(db, Subject::Action, responded)
            .await
            .unwrap()
            .unwrap();
        services::register::words::redact(db, &actor, response, "Done", "personal_information")
            .await
            .unwrap();
        let redaction = services::register::words::get(db, &actor, response)
            .await
            .unwrap()
            .redactions[0]
            .id;
        let extension = register.action("force").await;
        actions::request_extension(
            db,
            &actor,
            extension,
            "More time",
            "2099-01-01",
            services::common::london::today(),
            &register.calendar,
        )
        .await
        .unwrap();
        let answered_question = register.question(true).await;
        questions::answer(db, &actor, answered_question, "The answer")
            .await
            .unwrap();
        per_caller.push((
            label,
            Spare {
                member,
                agenda_item: spare_item,
                meeting: spare_meeting,
                action: register.action("force").await,
                responded,
                extension,
                draft_question: register.question(false).await,
                asked_question: register.question(true).await,
                answered_question,
                unwanted_draft: register.question(false).await,
                owner_title: services::register::owner_titles::add(
                    db,
                    &actor,
                    &format!("Spare title of {label}"),
                    "force",
                )
                .await
                .unwrap(),
                response,
                redaction,
            },
        ));
    }
    Records {
        board,
        meeting,
        minutes_meeting,
        agenda_item,
        action,
        opcc_action,
        published_action,
        question,
        draft_question,
        stop_search_import,
        asking_import,
        objective,
        report_year,
        contract,
        complaints_import,
        per_caller,
    }
}

/// The day a caller's monitoring return of [`Records::contract`] is due: one each.
pub fn due_for(who: &str) -> String {
    let n = LABELS
        .iter()
        .position(|l| *l == who)
        .unwrap_or(LABELS.len())
        + 1;
    format!("2026-06-{n:02}")
}

async fn contract(db: &services::Db) -> i64 {
    use services::equality::contracts::{self, NewContract};
    let dates: Vec<String> = LABELS.iter().map(|l| due_for(l)).collect();
    let new = NewContract::parse(
        "grant",
        "Hate crime advocacy",
        "Community Voice",
        "£40,000",
        "2026-04-01",
        "2027-03-31",
        "Equality monitoring of who uses the service.",
        "Policy Lead",
        &dates.join("\n"),
    )
    .unwrap();
    contracts::add(db, &services::audit::Actor::command_line(), new)
        .await
        .unwrap()
}

/// A plan with one objective, and this year's equality report published.
async fn equality(db: &services::Db) -> (i64, i64) {
    use services::equality::{objectives, report};
    let actor = services::audit::Actor::command_line();
    let plan =
        objectives::NewPlan::parse("Equality Objectives 2025–2029", "2025-04-01", "2029-03-31")
            .unwrap();
    let plan = objectives::add_plan(db, &actor, plan).await.unwrap();
    let objective = objectives::add_objective(
        db,
        &actor,
        plan,
        "communities",
        "Ensure all communities are dealt with fairly",
        "Policy Lead",
    )
    .await
    .unwrap();
    let year = services::equality::financial_year_of(services::common::london::today());
    report::set_published(db, &actor, year, true, "")
        .await
        .unwrap();
    (objective, i64::from(year))
}

/// A small month of stop and search data, as data.police.uk writes it.
pub const STOP_SEARCH_MONTH: &str = "\u{feff}Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing\r
Person search,2026-09-01T10:00:00+00:00,False,,52.48,-1.89,Male,18-24,\"Black/African/Caribbean/Black British - Caribbean\",Black,Misuse of Drugs Act 1971 (section 23),Controlled drugs,Arrest,True,False\r
Person search,2026-09-02T10:00:00+00:00,False,,52.48,-1.89,Male,18-24,\"Black/African/Caribbean/Black British - African\",Black,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False\r
Person search,2026-09-03T10:00:00+00:00,False,,52.48,-1.89,Female,25-34,White - English/Welsh/Scottish/Northern Irish/British,White,Misuse of Drugs Act 1971 (section 23),Controlled drugs,A no further action disposal,False,False\r
Person search,2026-09-04T10:00:00+00:00,,,,,Male,over 34,Other ethnic group - Not stated,,Police and Criminal Evidence Act 1984 (section 1),Offensive weapons,Nothing found - no further action,,\r
";

async fn stop_search_month(db: &services::Db) -> i64 {
    use services::evidence::import::{import, ImportRequest};
    let request = ImportRequest {
        file_name: "2026-09-west-midlands-stop-and-search.csv".into(),
        force: domain::evidence::Force::by_slug("west-midlands").unwrap(),
        month: domain::evidence::Month::parse("2026-09").unwrap(),
        skip_bad_rows: false,
        check_only: false,
    };
    let report = import(
        db,
        &Actor::command_line(),
        &request,
        STOP_SEARCH_MONTH.as_bytes(),
        &|_| {},
    )
    .await
    .unwrap();
    assert!(report.imported, "{:?}", report.problems);
    report.id
}

/// A month whose one search uses a label nobody has mapped: the import asks, and keeps the
/// file until someone answers.
async fn stop_search_asking(db: &services::Db) -> i64 {
    use services::common::spooled::Spooled;
    use services::evidence::files::{import_path, Choices};
    let file = Spooled::new();
    let month = STOP_SEARCH_MONTH
        .lines()
        .take(2)
        .collect::<Vec<_>>()
        .join("\n")
        .replace("2026-09-01", "2026-08-01")
        .replace(
            "Black/African/Caribbean/Black British - Caribbean",
            "Black - Somali",
        );
    std::fs::write(&file.path, month).unwrap();
    let outcome = import_path(
        db,
        &Actor::command_line(),
        &file.path,
        "2026-08-west-midlands-stop-and-search.csv",
        &Choices::default(),
        &|_, _| {},
    )
    .await
    .unwrap()
    .unwrap();
    let report = &outcome.reports[0];
    assert!(report.asks(), "{report:?}");
    report.id
}

/// Makes actions and questions on one board for the records above.
struct Register<'a> {
    db: &'a services::Db,
    board: String,
    topic: String,
    topics: Vec<domain::Topic>,
    calendar: services::common::working_days::Calendar,
}

impl<'a> Register<'a> {
    async fn new(db: &'a services::Db, board: i64) -> Register<'a> {
        let topics = services::register::topics::list(db).await.unwrap();
        Register {
            db,
            board: board.to_string(),
            topic: topics[0].id.to_string(),
            topics,
            calendar: services::common::working_days::calendar(db).await.unwrap(),
        }
    }

    async fn action(&self, owner: &str) -> i64 {
        let input = actions::ActionInput {
            board: &self.board,
            text: "Publish the stop and search scrutiny panel's findings",
            topic: &self.topic,
            owner,
            owner_name: "Head of Equality",
            priority: "high",
            due: "2030-01-31",
            ..Default::default()
        };
        let new = actions::NewAction::parse(
            &input,
            &self.topics,
            services::common::london::today(),
            &self.calendar,
        )
        .unwrap();
        actions::create(self.db, &Actor::command_line(), new)
            .await
            .unwrap()
            .0
    }

    async fn question(&self, put: bool) -> i64 {
        self.question_at(put, None).await
    }

    /// A question raised at `meeting`.
    async fn question_at(&self, put: bool, meeting: Option<i64>) -> i64 {
        let input = questions::QuestionInput {
            board: &self.board,
            topic: &self.topic,
            text: "How many stops found nothing?",
            due: "2030-01-31",
            ..Default::default()
        };
        let new = questions::NewQuestion::parse(
            &input,
            &self.topics,
            services::common::london::today(),
            &self.calendar,
        )
        .unwrap();
        let new = questions::NewQuestion {
            meeting_id: meeting,
            ..new
        };
        questions::create(self.db, &Actor::command_line(), new, put)
            .await
            .unwrap()
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        TestServer::start_with(services::accounts::two_factor::Policy::Optional).await
    }

    /// A server whose second factor is `policy`; each role's account has its set-up page's
    /// secret made already (`secret`), so that a test can compute its codes.
    pub async fn start_with(second_factor: services::accounts::two_factor::Policy) -> TestServer {
        // SCRUTINEER_TEST_LOG=debug shows the servers' logs (for chasing a hung request).
        if let Ok(filter) = std::env::var("SCRUTINEER_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let scratch = ScratchDb::sqlite().await;
        let db = scratch.db.clone();
        let mut accounts = Vec::new();
        let mut secrets = Vec::new();
        for role in Role::ALL {
            let email = format!("{}@opcc.example", role.as_str().replace('_', "-"));
            let new = NewUser::parse(&email, role.label(), role.as_str(), PASSWORD).unwrap();
            let user = services::accounts::users::create(&db, &Actor::command_line(), new, "")
                .await
                .unwrap();
            accounts.push((role, user.id, email.clone()));
            // The set-up page's key, made as its "Start setting up" button makes it.
            let signed = services::accounts::auth::sign_in(
                &db,
                Throttle::default(),
                &email,
                PASSWORD,
                "127.0.0.1",
            )
            .await
            .unwrap();
            services::accounts::two_factor::begin(&db, &Actor::user(&signed.user, None))
                .await
                .unwrap();
            let services::accounts::two_factor::Status::Setting { secret, .. } =
                services::accounts::two_factor::status(&db, user.id)
                    .await
                    .unwrap()
            else {
                unreachable!("a new account has no second factor")
            };
            secrets.push((role, secret));
        }
        let new = NewUser::parse(
            "bystander@opcc.example",
            "Bystander",
            "secretariat",
            PASSWORD,
        )
        .unwrap();
        let bystander = services::accounts::users::create(&db, &Actor::command_line(), new, "")
            .await
            .unwrap()
            .id;
        let records = make_records(&db).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = AppState {
            db: db.clone(),
            sessions: SessionPolicy::default(),
            throttle: Throttle::default(),
            second_factor,
            windows: Default::default(),
            cookie: CookieSettings { secure: false },
            public_url: format!("http://{addr}"),
            due_soon_days: 14,
            // The outbox fills; nothing here sends it.
            mail_on: true,
            feedback_url: Some("mailto:governance@opcc.example".to_owned()),
            trusted_proxies: Vec::new(),
        };
        let site = std::env::temp_dir().join("scrutineer-test-site");
        let router = server::web::router(state, &site);
        tokio::spawn(async move {
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .await
            .unwrap();
        });
        TestServer {
            base: format!("http://{addr}"),
            accounts,
            bystander,
            secrets,
            records,
            db,
            _db: scratch,
        }
    }

    pub fn account(&self, role: Role) -> (UserId, &str) {
        let (_, id, email) = self.accounts.iter().find(|(r, _, _)| *r == role).unwrap();
        (*id, email)
    }

    /// The code `role`'s authenticator app shows `steps_on` steps from now.
    pub fn code(&self, role: Role, steps_on: i64) -> String {
        let (_, secret) = self.secrets.iter().find(|(r, _)| *r == role).unwrap();
        let step = services::now() / services::accounts::totp::STEP_SECS + steps_on;
        format!("{:06}", secret.code_at(step))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A client that keeps cookies and does not follow redirects, so tests see them.
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A server that stops answering fails the test with this message rather than
            // hanging the run (seen once, not reproduced in 30 runs since).
            // Longer than the server's own request deadline, so that a response that never
            // finishes is ended (and logged as an incident) by the server first.
            .timeout(std::time::Duration::from_secs(75))
            .build()
            .unwrap()
    }

    /// A client signed in as the account of `role`.
    pub async fn signed_in(&self, role: Role) -> reqwest::Client {
        let client = self.client();
        let (_, email) = self.account(role);
        let response = client
            .post(self.url("/api/sign-in"))
            .form(&[("email", email), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success() || response.status().is_redirection(),
            "sign-in as {role:?} answered {}",
            response.status()
        );
        client
    }
}

/// A page's address with its record (`:id`) and version (`:version`, the first) filled in.
pub fn page_path(server: &TestServer, path: &str) -> String {
    path.replace(":id", &record_for(server, path))
        .replace(":version", "1")
}

/// The record a page with `:id` shows: a user, the board, the agenda item, or the
/// (published) meeting.
pub fn record_for(server: &TestServer, path: &str) -> String {
    let records = &server.records;
    if path.contains("/minutes/:version") {
        records.minutes_meeting.to_string()
    } else if path.starts_with("/words") {
        records.spare("admin").response.to_string()
    } else if path.starts_with("/admin/users") {
        server.account(Role::Secretariat).0.to_string()
    } else if path.starts_with("/public/actions") {
        records.published_action.to_string()
    } else if path.starts_with("/actions") {
        records.action.to_string()
    } else if path.starts_with("/questions") || path.starts_with("/public/questions") {
        records.question.to_string()
    } else if path.starts_with("/evidence/complaints/imports") {
        records.complaints_import.to_string()
    } else if path.starts_with("/evidence/imports") {
        records.stop_search_import.to_string()
    } else if path.starts_with("/equality/contracts") {
        records.contract.to_string()
    } else if path.starts_with("/public/equality") {
        records.report_year.to_string()
    } else if path.starts_with("/boards") {
        records.board.to_string()
    } else if path.starts_with("/agenda-items") {
        records.agenda_item.to_string()
    } else {
        records.meeting.to_string()
    }
}
