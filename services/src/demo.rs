//! A demo data set drawn from the seed documents (a PCC's equality policy and equality
//! objectives): the boards they name and one account for each role, with passwords made
//! up now and shown once.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::{DisplayName, Email, NewPassword, Role};
use rand::RngCore;

use crate::audit::Actor;
use crate::boards::{self, NewBoard};
use crate::users::{self, NewUser};
use crate::{Db, Error, Result};

pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub password: String,
}

const BOARDS: [(&str, &str, &str); 2] = [
    (
        "SPCB",
        "Strategic Policing and Crime Board",
        "Supports the Police and Crime Commissioner in holding the Chief Constable to account, \
         including for the force's duties on equality and diversity. Members, staff and \
         volunteers abide by the PCC's equality policy.",
    ),
    (
        "AAB",
        "Accountability and Assurance Board",
        "Thematic sessions in which the Commissioner seeks assurance on the force's progress \
         against the equality objectives: Our Communities, Our Organisation, Our Partners.",
    ),
];

const PEOPLE: [(&str, &str, Role); 4] = [
    ("admin@opcc.example", "Alex Admin", Role::Admin),
    (
        "secretariat@opcc.example",
        "Sam Secretary",
        Role::Secretariat,
    ),
    (
        "commissioner@opcc.example",
        "Chris Commissioner",
        Role::Commissioner,
    ),
    ("liaison@force.example", "Farah Liaison", Role::ForceLiaison),
];

fn new_password() -> String {
    let mut bytes = [0u8; 15];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Loads the demo data once; a second run is refused rather than half-applied.
pub async fn load(db: &Db) -> Result<Vec<DemoAccount>> {
    let actor = Actor::command_line();
    let existing = boards::list(db).await?;
    if existing.iter().any(|b| b.code == BOARDS[0].0) {
        return Err(Error::invalid(
            "demo",
            "The demo data set is already loaded",
        ));
    }
    for (code, name, description) in BOARDS {
        boards::create(db, &actor, NewBoard::parse(code, name, description)?).await?;
    }
    let mut accounts = Vec::new();
    for (email, name, role) in PEOPLE {
        let password = new_password();
        let user = NewUser {
            email: Email::parse(email).map_err(|m| Error::invalid("email", m))?,
            display_name: DisplayName::parse(name)
                .map_err(|m| Error::invalid("display_name", m))?,
            role,
            password: NewPassword::parse(&password).map_err(|m| Error::invalid("password", m))?,
        };
        users::create(db, &actor, user).await?;
        accounts.push(DemoAccount {
            email: email.to_owned(),
            role,
            password,
        });
    }
    Ok(accounts)
}
