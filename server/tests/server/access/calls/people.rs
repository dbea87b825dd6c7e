//! Calls about people: who is signed in, their account and emails, invitations, search, home, sessions and the users' administration.

use super::*;

pub(super) const CALLS: &[Call] = &[
    Call {
        path: "current-user",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "account/notifications",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/notifications/save",
        body: |_, _| pairs(&[("wanted[extension_requested]", "on")]),
        allowed: signed_in,
    },
    Call {
        path: "account/sessions",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/sessions/end-others",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "invitation",
        body: |_, _| pairs(&[("token", "not-a-real-invitation")]),
        allowed: anyone,
    },
    Call {
        path: "admin/users/invite",
        body: |server, _| {
            pairs(&[
                ("id", &target(server)),
                ("your_password_for_invite", support::PASSWORD),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "search",
        body: |_, _| pairs(&[("q", "stop search")]),
        allowed: anyone,
    },
    Call {
        path: "home/queues",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "session/keep-alive",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "admin/users/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/users/get",
        body: |server, _| pairs(&[("id", &target(server))]),
        allowed: admin_only,
    },
    Call {
        path: "admin/users/create",
        body: |_, who| {
            let email = format!("new-by-{who}@opcc.example");
            pairs(&[
                ("email", &email),
                ("display_name", "New Person"),
                ("role", "secretariat"),
                ("password", "a long enough password"),
                ("confirm_password", "a long enough password"),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/users/update",
        body: |server, who| {
            let name = format!("Renamed by {who}");
            pairs(&[
                ("id", &target(server)),
                ("email", "commissioner@opcc.example"),
                ("display_name", &name),
                ("role", "commissioner"),
                ("active", "on"),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/users/reset-password",
        body: |server, _| {
            pairs(&[
                ("id", &server.bystander.to_string()),
                ("password", "a reset passphrase for the bystander"),
                ("confirm_password", "a reset passphrase for the bystander"),
                ("your_password_for_reset", support::PASSWORD),
            ])
        },
        allowed: admin_only,
    },
    Call {
        path: "admin/audit/list",
        body: |_, _| pairs(&[("filter[page]", "1")]),
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/add",
        body: |_, _| pairs(&[("day", "2026-06-08"), ("name", "One-off holiday")]),
        allowed: admin_only,
    },
    Call {
        path: "admin/bank-holidays/remove",
        body: |_, _| pairs(&[("day", "2026-06-08")]),
        allowed: admin_only,
    },
    Call {
        path: "account/two-factor",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/two-factor/begin",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/two-factor/confirm",
        body: |server, who| {
            let code =
                Role::parse(who).map_or_else(|_| "123456".to_owned(), |role| server.code(role, 0));
            pairs(&[("code", &code)])
        },
        allowed: signed_in,
    },
    Call {
        path: "account/two-factor/start-again",
        body: |_, _| pairs(&[("password", support::PASSWORD)]),
        allowed: signed_in,
    },
    Call {
        path: "admin/users/reset-two-factor",
        body: |server, _| {
            pairs(&[
                ("id", &server.bystander.to_string()),
                ("your_password_for_two_factor", support::PASSWORD),
            ])
        },
        allowed: admin_only,
    },
    // Last: it changes the caller's own password, which the rows above may need.
    Call {
        path: "account/password",
        body: |_, _| {
            pairs(&[
                ("current_password", support::PASSWORD),
                ("password", "a freshly chosen passphrase"),
                ("confirm_password", "a freshly chosen passphrase"),
            ])
        },
        allowed: signed_in,
    },
];
