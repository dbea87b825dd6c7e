//! Every page of Scrutineer and who may see it. The router, the navigation and the
//! access-control tests all read this one table, so a new page cannot be added without
//! saying who may reach it.

use domain::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Anyone signed in.
    SignedIn,
    /// Only these roles.
    Only(&'static [Role]),
}

impl Access {
    pub fn allows(self, role: Option<Role>) -> bool {
        match (self, role) {
            (Access::Public, _) => true,
            (Access::SignedIn, role) => role.is_some(),
            (Access::Only(roles), Some(role)) => roles.contains(&role),
            (Access::Only(_), None) => false,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// As the router matches it; `:id` stands for a record's id.
    pub path: &'static str,
    pub title: &'static str,
    pub access: Access,
    /// Shown in the service navigation to those it allows.
    pub in_navigation: bool,
}

pub const HOME: Page = Page {
    path: "/",
    title: "Home",
    access: Access::Public,
    in_navigation: true,
};
pub const SIGN_IN: Page = Page {
    path: "/sign-in",
    title: "Sign in",
    access: Access::Public,
    in_navigation: false,
};
pub const ACCESSIBILITY: Page = Page {
    path: "/accessibility",
    title: "Accessibility statement",
    access: Access::Public,
    in_navigation: false,
};
/// The administrator's pages, one entry in the navigation.
pub const ADMIN_HOME: Page = Page {
    path: "/admin",
    title: "Administration",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: true,
};
/// What [`ADMIN_HOME`] lists.
pub const ADMIN_PAGES: [Page; 4] = [USERS, AUDIT, BANK_HOLIDAYS, TOPICS];
pub const USERS: Page = Page {
    path: "/admin/users",
    title: "Users",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};
pub const NEW_USER: Page = Page {
    path: "/admin/users/new",
    title: "Add a user",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};
pub const USER: Page = Page {
    path: "/admin/users/:id",
    title: "Edit user",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};
pub const AUDIT: Page = Page {
    path: "/admin/audit",
    title: "Audit trail",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};

pub const BANK_HOLIDAYS: Page = Page {
    path: "/admin/bank-holidays",
    title: "Bank holidays",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};
pub const TOPICS: Page = Page {
    path: "/admin/topics",
    title: "Topics",
    access: Access::Only(domain::roles::ADMINS),
    in_navigation: false,
};
pub const BOARDS: Page = Page {
    path: "/boards",
    title: "Boards",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: true,
};
pub const NEW_BOARD: Page = Page {
    path: "/boards/new",
    title: "Add a board",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const BOARD: Page = Page {
    path: "/boards/:id",
    title: "Meetings",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const EDIT_BOARD: Page = Page {
    path: "/boards/:id/edit",
    title: "Edit board",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const NEW_MEETING: Page = Page {
    path: "/boards/:id/meetings/new",
    title: "Add a meeting",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const MEETING: Page = Page {
    path: "/meetings/:id",
    title: "Agenda",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const EDIT_MEETING: Page = Page {
    path: "/meetings/:id/edit",
    title: "Edit meeting",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const PRINT_AGENDA: Page = Page {
    path: "/meetings/:id/agenda",
    title: "Agenda",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const AGENDA_ITEM: Page = Page {
    path: "/agenda-items/:id",
    title: "Edit agenda item",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const MINUTES: Page = Page {
    path: "/meetings/:id/minutes",
    title: "Minutes",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const MINUTES_HISTORY: Page = Page {
    path: "/meetings/:id/minutes/history",
    title: "Minutes history",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const PUBLIC_MEETINGS: Page = Page {
    path: "/public/meetings",
    title: "Published meetings",
    access: Access::Public,
    in_navigation: true,
};
pub const PUBLIC_MEETING: Page = Page {
    path: "/public/meetings/:id",
    title: "Minutes",
    access: Access::Public,
    in_navigation: false,
};

pub const ACTIONS: Page = Page {
    path: "/actions",
    title: "Action register",
    access: Access::SignedIn,
    in_navigation: true,
};
/// OPCC staff record actions; force liaison responds to them.
pub const NEW_ACTION: Page = Page {
    path: "/actions/new",
    title: "Record an action",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
/// Force liaison reach only the force's actions: the service answers "not found" for others.
pub const ACTION: Page = Page {
    path: "/actions/:id",
    title: "Action",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const EDIT_ACTION: Page = Page {
    path: "/actions/:id/edit",
    title: "Edit action",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
pub const QUESTIONS: Page = Page {
    path: "/questions",
    title: "Questions to the force",
    access: Access::SignedIn,
    in_navigation: true,
};
pub const NEW_QUESTION: Page = Page {
    path: "/questions/new",
    title: "Put a question",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
/// Force liaison reach only questions put to the force: drafts are "not found" to them.
pub const QUESTION: Page = Page {
    path: "/questions/:id",
    title: "Question",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const EDIT_QUESTION: Page = Page {
    path: "/questions/:id/edit",
    title: "Correct a question",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const PUBLIC_QUESTIONS: Page = Page {
    path: "/public/questions",
    title: "Published questions",
    access: Access::Public,
    in_navigation: true,
};
pub const PUBLIC_QUESTION: Page = Page {
    path: "/public/questions/:id",
    title: "Published question",
    access: Access::Public,
    in_navigation: false,
};
pub const PUBLIC_ACTIONS: Page = Page {
    path: "/public/actions",
    title: "Published actions",
    access: Access::Public,
    in_navigation: true,
};
pub const PUBLIC_ACTION: Page = Page {
    path: "/public/actions/:id",
    title: "Published action",
    access: Access::Public,
    in_navigation: false,
};

pub const CALENDAR_FEED: Page = Page {
    path: "/account/calendar",
    title: "Deadlines in your calendar",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const INVITATION: Page = Page {
    path: "/invitation/:token",
    title: "Choose your password",
    access: Access::Public,
    in_navigation: false,
};
pub const SEARCH: Page = Page {
    path: "/search",
    title: "Search",
    access: Access::Public,
    in_navigation: false,
};
pub const SESSIONS: Page = Page {
    path: "/account/sessions",
    title: "Your sessions",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const PASSWORD: Page = Page {
    path: "/account/password",
    title: "Change your password",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const TWO_FACTOR: Page = Page {
    path: "/account/two-factor",
    title: "Two-factor sign-in",
    access: Access::SignedIn,
    in_navigation: false,
};
/// The second step of signing in; whoever reaches it without a session awaiting a code is
/// told to sign in again.
pub const SIGN_IN_CODE: Page = Page {
    path: "/sign-in/code",
    title: "Enter your code",
    access: Access::Public,
    in_navigation: false,
};
pub const NOTIFICATIONS: Page = Page {
    path: "/account/notifications",
    title: "Emails you get",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const BRIEFING: Page = Page {
    path: "/meetings/:id/briefing",
    title: "Briefing pack",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const OWNER_TITLES: Page = Page {
    path: "/minutes/owner-titles",
    title: "Owners' titles in minutes",
    access: Access::Only(domain::roles::EDITORS),
    in_navigation: false,
};
/// Reached from a response's or an answer's entry in a record's timeline.
pub const RESPONSE_WORDS: Page = Page {
    path: "/words/:id",
    title: "What the public reads",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const MINUTES_ACTIONS: Page = Page {
    path: "/meetings/:id/minutes/actions",
    title: "Actions in the minutes",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};

/// Reached from the other published pages' own links (`PublishedNav`), not the menu.
pub const PUBLIC_EVIDENCE: Page = Page {
    path: "/public/evidence",
    title: "Stop and search figures",
    access: Access::Public,
    in_navigation: false,
};
pub const EVIDENCE: Page = Page {
    path: "/evidence",
    title: "Stop and search evidence",
    access: Access::SignedIn,
    in_navigation: true,
};
pub const EVIDENCE_IMPORT: Page = Page {
    path: "/evidence/import",
    title: "Import stop and search data",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const EVIDENCE_IMPORT_RECORD: Page = Page {
    path: "/evidence/imports/:id",
    title: "Import record",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const EVIDENCE_LABELS: Page = Page {
    path: "/evidence/labels",
    title: "What the labels and population figures mean",
    access: Access::SignedIn,
    in_navigation: false,
};

pub const COMPLAINTS: Page = Page {
    path: "/evidence/complaints",
    title: "Police complaints figures",
    access: Access::SignedIn,
    in_navigation: false,
};
pub const COMPLAINTS_IMPORT: Page = Page {
    path: "/evidence/complaints/imports/:id",
    title: "Complaints import",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
/// The equality framework (office only): the objectives register, coverage, the report.
pub const EQUALITY: Page = Page {
    path: "/equality",
    title: "Equality objectives",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: true,
};
pub const EQUALITY_COVERAGE: Page = Page {
    path: "/equality/coverage",
    title: "Equality coverage",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const EQUALITY_REPORT: Page = Page {
    path: "/equality/report",
    title: "Annual equality report",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const CONTRACTS: Page = Page {
    path: "/equality/contracts",
    title: "Contracts and grants",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
pub const CONTRACT: Page = Page {
    path: "/equality/contracts/:id",
    title: "Contract or grant",
    access: Access::Only(domain::roles::OFFICE),
    in_navigation: false,
};
/// Reached from the other published pages' own links (`PublishedNav`), not the menu.
pub const PUBLIC_EQUALITY: Page = Page {
    path: "/public/equality",
    title: "Equality reports",
    access: Access::Public,
    in_navigation: false,
};
/// `:id` is the year the report's financial year starts in.
pub const PUBLIC_EQUALITY_REPORT: Page = Page {
    path: "/public/equality/:id",
    title: "Equality report",
    access: Access::Public,
    in_navigation: false,
};

/// One published version of a year's report, as it was published.
pub const PUBLIC_EQUALITY_REPORT_VERSION: Page = Page {
    path: "/public/equality/:id/versions/:version",
    title: "Equality report",
    access: Access::Public,
    in_navigation: false,
};

/// One published version of a meeting's minutes (the first published, then each correction).
pub const PUBLIC_MINUTES_VERSION: Page = Page {
    path: "/public/meetings/:id/minutes/:version",
    title: "Minutes",
    access: Access::Public,
    in_navigation: false,
};

pub const PAGES: &[Page] = &[
    HOME,
    ACTIONS,
    NEW_ACTION,
    ACTION,
    EDIT_ACTION,
    QUESTIONS,
    NEW_QUESTION,
    QUESTION,
    EDIT_QUESTION,
    SIGN_IN,
    ACCESSIBILITY,
    USERS,
    NEW_USER,
    USER,
    AUDIT,
    BANK_HOLIDAYS,
    TOPICS,
    OWNER_TITLES,
    RESPONSE_WORDS,
    BOARDS,
    NEW_BOARD,
    BOARD,
    EDIT_BOARD,
    NEW_MEETING,
    MEETING,
    EDIT_MEETING,
    PRINT_AGENDA,
    AGENDA_ITEM,
    MINUTES,
    MINUTES_HISTORY,
    MINUTES_ACTIONS,
    BRIEFING,
    CALENDAR_FEED,
    NOTIFICATIONS,
    SESSIONS,
    PASSWORD,
    TWO_FACTOR,
    SIGN_IN_CODE,
    SEARCH,
    INVITATION,
    PUBLIC_MEETINGS,
    PUBLIC_MEETING,
    PUBLIC_QUESTIONS,
    PUBLIC_QUESTION,
    PUBLIC_ACTIONS,
    PUBLIC_ACTION,
    PUBLIC_EVIDENCE,
    EVIDENCE,
    EVIDENCE_IMPORT,
    EVIDENCE_IMPORT_RECORD,
    EVIDENCE_LABELS,
    COMPLAINTS,
    COMPLAINTS_IMPORT,
    EQUALITY,
    EQUALITY_COVERAGE,
    EQUALITY_REPORT,
    CONTRACTS,
    CONTRACT,
    PUBLIC_EQUALITY,
    PUBLIC_EQUALITY_REPORT,
    PUBLIC_EQUALITY_REPORT_VERSION,
    PUBLIC_MINUTES_VERSION,
    ADMIN_HOME,
];

/// A page's path with its record id filled in.
pub fn at(page: Page, id: impl std::fmt::Display) -> String {
    page.path.replace(":id", &id.to_string())
}

/// The navigation a person with `role` sees.
/// The pages in the navigation for `role`. Staff get one entry for the published pages
/// (which link to each other), so that their navigation fits on one line.
pub fn navigation(role: Option<Role>) -> impl Iterator<Item = &'static Page> {
    PAGES.iter().filter(move |p| {
        p.in_navigation
            && p.access.allows(role)
            && (role.is_none() || !p.path.starts_with("/public/") || p.path == PUBLIC_MEETINGS.path)
    })
}

/// What the navigation calls `page`: a short name for staff, whose list is longer.
pub fn nav_label(page: &Page, role: Option<Role>) -> &'static str {
    match (role.is_some(), page.path) {
        (true, "/actions") => "Actions",
        (true, "/questions") => "Questions",
        (true, "/public/meetings") => "Public pages",
        (true, "/evidence") => "Evidence",
        (true, "/equality") => "Equality",
        (true, "/admin") => "Admin",
        _ => page.title,
    }
}

/// A `next` target after sign-in: only a path on this site, never another origin.
pub fn safe_next(next: &str) -> Option<&str> {
    // Printable ASCII only: it becomes a Location header, and a percent-encoded path
    // needs nothing else.
    let printable = next.bytes().all(|b| (0x21..=0x7e).contains(&b));
    let local =
        printable && next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    (local && !next.starts_with(SIGN_IN.path)).then_some(next)
}

/// The sign-in page for someone whose session ended while on `here`: it says so, and
/// brings them back to `here` (with anything they were saving) once they are signed in.
pub fn sign_in_again(here: &str) -> String {
    format!(
        "{}?ended=1&next={}",
        SIGN_IN.path,
        encode_query_value(safe_next(here).unwrap_or("/"))
    )
}

/// Percent-encodes text for use as one value in a query string (RFC 3986 unreserved
/// characters are kept, everything else is encoded).
pub fn encode_query_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_pages_are_admin_only() {
        assert!(USERS.access.allows(Some(Role::Admin)));
        for role in [Role::Secretariat, Role::Commissioner, Role::ForceLiaison] {
            assert!(!USERS.access.allows(Some(role)));
        }
        assert!(!USERS.access.allows(None));
        assert!(HOME.access.allows(None));
    }

    #[test]
    fn next_must_stay_on_this_site() {
        assert_eq!(safe_next("/admin/users?x=1"), Some("/admin/users?x=1"));
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "/sign-in",
            "/admin\r\nSet-Cookie: x=1",
            "/caf\u{e9}",
        ] {
            assert_eq!(safe_next(bad), None, "{bad}");
        }
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            encode_query_value("/admin/users?a=1&b"),
            "%2Fadmin%2Fusers%3Fa%3D1%26b"
        );
        assert_eq!(encode_query_value("sign_in.failed"), "sign_in.failed");
    }

    #[test]
    fn navigation_depends_on_role() {
        let labels = |role: Option<Role>| {
            navigation(role)
                .map(|p| (p.path, nav_label(p, role)))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(Some(Role::Admin)),
            [
                ("/", "Home"),
                ("/actions", "Actions"),
                ("/questions", "Questions"),
                ("/boards", "Boards"),
                ("/public/meetings", "Public pages"),
                ("/evidence", "Evidence"),
                ("/equality", "Equality"),
                ("/admin", "Admin"),
            ]
        );
        assert_eq!(
            labels(Some(Role::ForceLiaison)),
            [
                ("/", "Home"),
                ("/actions", "Actions"),
                ("/questions", "Questions"),
                ("/public/meetings", "Public pages"),
                ("/evidence", "Evidence"),
            ]
        );
        assert_eq!(
            labels(None),
            [
                ("/", "Home"),
                ("/public/meetings", "Published meetings"),
                ("/public/questions", "Published questions"),
                ("/public/actions", "Published actions"),
            ]
        );
    }
}
