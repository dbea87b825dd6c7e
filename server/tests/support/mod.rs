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
    _db: ScratchDb,
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
