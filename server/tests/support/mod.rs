// Each test binary uses a different part of this support module.
#![allow(dead_code)]

//! A real Scrutineer server on a free port, over a fresh SQLite file, with one account per
//! role; and HTTP clients that keep cookies as a browser does.

use std::net::SocketAddr;

use app::context::{AppState, CookieSettings};
use domain::{Role, UserId};
use services::audit::Actor;
use services::auth::Throttle;
use services::db::scratch::ScratchDb;
use services::sessions::SessionPolicy;
use services::users::NewUser;

pub const PASSWORD: &str = "correct horse battery staple";

pub struct TestServer {
    pub base: String,
    /// The account of each role, by role.
    pub accounts: Vec<(Role, UserId, String)>,
    pub records: Records,
    _db: ScratchDb,
}

/// Records made before the server starts, for pages and calls that need one: a board with a
/// published meeting that has an agenda item, and for each caller (by label) things of its
/// own to remove or move on, so that each caller's call can succeed once.
pub struct Records {
    pub board: i64,
    pub meeting: i64,
    pub agenda_item: i64,
    pub per_caller: Vec<(&'static str, Spare)>,
}

pub struct Spare {
    pub member: i64,
    pub agenda_item: i64,
    /// A held meeting whose minutes are a draft at version 1.
    pub meeting: i64,
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
    use services::{agenda, boards, meetings, minutes};
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
        || meetings::MeetingDetails::parse("2025-05-06", "10:00", "HQ", "", "held", now).unwrap();
    let meeting = meetings::create(db, &actor, board, held()).await.unwrap();
    meetings::set_published(db, &actor, meeting, true)
        .await
        .unwrap();
    let item =
        || agenda::ItemDetails::parse("Review of Action Tracker", "", "assurance", "").unwrap();
    let agenda_item = agenda::add(db, &actor, meeting, item()).await.unwrap();
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
        let spare_meeting = meetings::create(db, &actor, board, held()).await.unwrap();
        let body = minutes::MinutesBody::parse("Draft minutes").await.unwrap();
        minutes::save(db, &actor, spare_meeting, 0, body, "")
            .await
            .unwrap();
        per_caller.push((
            label,
            Spare {
                member,
                agenda_item: spare_item,
                meeting: spare_meeting,
            },
        ));
    }
    Records {
        board,
        meeting,
        agenda_item,
        per_caller,
    }
}

impl TestServer {
    pub async fn start() -> TestServer {
        let scratch = ScratchDb::sqlite().await;
        let db = scratch.db.clone();
        let mut accounts = Vec::new();
        for role in Role::ALL {
            let email = format!("{}@opcc.example", role.as_str().replace('_', "-"));
            let new = NewUser::parse(&email, role.label(), role.as_str(), PASSWORD).unwrap();
            let user = services::users::create(&db, &Actor::command_line(), new)
                .await
                .unwrap();
            accounts.push((role, user.id, email));
        }
        let records = make_records(&db).await;
        let state = AppState {
            db,
            sessions: SessionPolicy::default(),
            throttle: Throttle::default(),
            cookie: CookieSettings { secure: false },
        };
        let site = std::env::temp_dir().join("scrutineer-test-site");
        let router = server::web::router(state, &site);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
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
            records,
            _db: scratch,
        }
    }

    pub fn account(&self, role: Role) -> (UserId, &str) {
        let (_, id, email) = self.accounts.iter().find(|(r, _, _)| *r == role).unwrap();
        (*id, email)
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
            .timeout(std::time::Duration::from_secs(60))
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
