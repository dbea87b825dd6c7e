//! Shared by the data layer's stories: run each story on both databases, and the people,
//! boards and mail server they need.

/// Declares each named story (an `async fn(&Db)` in the calling file) as two tests: one on
/// a temporary SQLite file and one on a new PostgreSQL database, dropped afterwards.
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let scratch = services::db::scratch::ScratchDb::sqlite().await;
                super::$name(&scratch.db).await;
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let scratch = services::db::scratch::ScratchDb::postgres().await;
                super::$name(&scratch.db).await;
            })*
        }
    };
}

pub mod smtp;

pub mod people {
    use domain::Role;
    use services::accounts::auth::{self, Throttle};
    use services::accounts::users::{self, NewUser};
    use services::audit::Actor;
    use services::meetings::boards::{self, NewBoard};
    use services::{Db, Error};

    pub const PASSWORD: &str = "correct horse battery staple";

    /// A signed-in person of `role`, as the services see them.
    pub async fn person(db: &Db, role: Role) -> Actor {
        named(db, role, role.as_str()).await
    }

    /// A signed-in person of `role` whose email starts with `name`.
    pub async fn named(db: &Db, role: Role, name: &str) -> Actor {
        let email = format!("{}@opcc.example", name.replace('_', "-"));
        let display = if name == role.as_str() {
            role.label().to_owned()
        } else {
            format!("{} {name}", role.label())
        };
        let new = NewUser::parse(&email, &display, role.as_str(), PASSWORD).unwrap();
        users::create(db, &Actor::command_line(), new, "")
            .await
            .unwrap();
        let signed = auth::sign_in(db, Throttle::default(), &email, PASSWORD, "10.0.0.9")
            .await
            .unwrap();
        Actor::user(&signed.user, Some("10.0.0.9".into()))
    }

    /// The message against `name` in a refused form.
    pub fn field(error: Error, name: &str) -> String {
        match error {
            Error::Invalid(errors) => errors
                .get(name)
                .unwrap_or_else(|| panic!("no message for {name}: {errors:?}"))
                .to_owned(),
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    pub async fn board(db: &Db, actor: &Actor, code: &str) -> i64 {
        let new =
            NewBoard::parse(code, &format!("{code} Board"), "Holds the force to account").unwrap();
        boards::create(db, actor, new).await.unwrap().id
    }

    /// How many audit events of `action` there are.
    pub async fn audited(db: &Db, action: &str) -> i64 {
        services::audit::list(
            db,
            &Actor::command_line(),
            &domain::AuditFilter {
                action: Some(action.into()),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .total
    }
}
