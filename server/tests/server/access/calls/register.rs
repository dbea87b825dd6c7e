//! Calls about calendar feeds, topics, bank holidays and the register: actions, questions and their public pages.

use super::*;

pub(super) const CALLS: &[Call] = &[
    Call {
        path: "account/calendar",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/calendar-renew",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "account/calendar-off",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "admin/topics/list",
        body: none,
        allowed: admin_only,
    },
    Call {
        path: "admin/topics/add",
        body: |_, who| pairs(&[("name", &format!("Topic added by {who}"))]),
        allowed: admin_only,
    },
    Call {
        path: "admin/topics/retire",
        body: |_, _| pairs(&[("id", "7"), ("retire", "no")]),
        allowed: admin_only,
    },
    Call {
        path: "register/list",
        body: |_, _| pairs(&[("query", "status=live&sort=reference&q=stop")]),
        allowed: signed_in,
    },
    Call {
        path: "register/deadlines",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "register/choices",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "register/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("text", "Share the custody audit"),
                ("topic", "1"),
                ("owner", "force"),
                ("owner_name", "Custody lead"),
                ("priority", "medium"),
                ("due", "20 working days"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "register/get",
        body: |server, _| pairs(&[("id", &server.records.action.to_string())]),
        allowed: signed_in,
    },
    // In this order: an extension is asked while the action is open, then the response
    // moves it on, then it is withdrawn.
    Call {
        path: "register/request-extension",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            body.extend(pairs(&[
                ("reason", "Data is late"),
                ("proposed", "2099-12-31"),
            ]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "register/respond",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            // The office records the force's words with when and how they came.
            body.extend(pairs(&[
                ("response", "Done, see the plan"),
                ("received_on", "1/1/2026"),
                ("channel", "letter"),
            ]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "register/withdraw",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.action);
            body.extend(pairs(&[("withdrawal_reason", "Superseded")]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "register/assess",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.responded);
            body.extend(pairs(&[("outcome", "accept")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "register/decide-extension",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.extension);
            body.extend(pairs(&[("decision", "approve")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "register/update",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.action.to_string()),
                ("board", &board(server)),
                (
                    "text",
                    "Publish the scrutiny panel's findings and the force's reply",
                ),
                ("topic", "1"),
                ("owner", "force"),
                ("owner_name", "Head of Equality"),
                ("priority", "high"),
                ("due", "2030-01-31"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "register/publish",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.action.to_string()),
                ("publish", "yes"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "register/publish-meeting",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting), ("publish", "yes")])
        },
        allowed: editors,
    },
    Call {
        path: "register/words",
        body: |server, who| spare_id(server, who, |s| s.response),
        allowed: opcc,
    },
    Call {
        path: "register/words/choose",
        body: |server, who| {
            let entry = server.records.spare(who).response.to_string();
            pairs(&[("id", &entry), ("publish", "written"), ("summary", "")])
        },
        allowed: opcc,
    },
    Call {
        path: "register/words/redact",
        body: |server, who| {
            let entry = server.records.spare(who).response.to_string();
            pairs(&[
                ("id", &entry),
                ("phrase", "Done"),
                ("reason", "third_party"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "register/words/lift",
        body: |server, who| spare_id(server, who, |s| s.redaction),
        allowed: opcc,
    },
    Call {
        path: "questions/list",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "questions/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("topic", "1"),
                ("text", "How many complaints were upheld?"),
                ("due", "10 working days"),
                ("intent", "put"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "questions/get",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: signed_in,
    },
    Call {
        path: "questions/put",
        body: |server, who| spare_id(server, who, |s| s.draft_question),
        allowed: opcc,
    },
    Call {
        path: "questions/answer",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.asked_question);
            body.extend(pairs(&[("answer", "Forty-two")]));
            body
        },
        allowed: for_the_force,
    },
    Call {
        path: "questions/update",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.unwanted_draft);
            body.extend(pairs(&[
                ("board", &board(server)),
                ("topic", "1"),
                ("text", "How many complaints were upheld last year?"),
                ("due", "10 working days"),
            ]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "questions/withdraw",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.asked_question);
            body.extend(pairs(&[(
                "withdrawal_reason",
                "Answered at the board instead",
            )]));
            body
        },
        allowed: opcc,
    },
    Call {
        path: "questions/discard",
        body: |server, who| spare_id(server, who, |s| s.unwanted_draft),
        allowed: opcc,
    },
    Call {
        path: "questions/assess",
        body: |server, who| {
            let mut body = spare_id(server, who, |s| s.answered_question);
            body.extend(pairs(&[("outcome", "satisfactory")]));
            body
        },
        allowed: commissioner,
    },
    Call {
        path: "questions/publish",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.question.to_string()),
                ("publish", "yes"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "public/questions",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "public/question",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/actions",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "public/action",
        body: |server, _| pairs(&[("id", &server.records.published_action.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/meeting",
        body: |server, _| pairs(&[("id", &meeting(server))]),
        allowed: anyone,
    },
];
