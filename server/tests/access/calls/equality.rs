//! Calls about the equality framework: the objectives register, tags, coverage, the
//! briefing pack's section and the annual report.

use super::*;

pub(super) const CALLS: &[Call] = &[
    Call {
        path: "equality/framework",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "equality/add-plan",
        body: |_, who| {
            pairs(&[
                ("title", &format!("Objectives of {who}")),
                ("starts_on", "2025-04-01"),
                ("review_on", "2029-03-31"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/add-objective",
        body: |_, who| {
            pairs(&[
                ("plan", "1"),
                ("group", "partners"),
                ("objective", &format!("Work with partners, as {who}")),
                ("owner", "Policy Lead"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/add-update",
        body: |server, _| {
            pairs(&[
                ("objective_id", &server.records.objective.to_string()),
                ("rating", "on_track"),
                ("progress", "Engagement plan agreed"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/record",
        body: |server, _| {
            pairs(&[
                ("kind", "action"),
                ("id", &server.records.action.to_string()),
            ])
        },
        allowed: signed_in,
    },
    Call {
        path: "public/record-equality",
        body: |server, _| {
            pairs(&[
                ("kind", "action"),
                ("id", &server.records.published_action.to_string()),
            ])
        },
        allowed: anyone,
    },
    Call {
        path: "equality/tag",
        body: |server, _| {
            pairs(&[
                ("kind", "action"),
                ("id", &server.records.action.to_string()),
                ("tags[characteristic:race]", "on"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/coverage",
        body: |_, _| pairs(&[("year", "2026"), ("months", "6")]),
        allowed: opcc,
    },
    Call {
        path: "equality/briefing",
        body: |server, _| pairs(&[("meeting", &server.records.meeting.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "equality/report",
        body: |_, _| pairs(&[("year", "2026")]),
        allowed: opcc,
    },
    Call {
        path: "equality/publish-report",
        body: |server, _| {
            pairs(&[
                ("year", &server.records.report_year.to_string()),
                ("publish", "yes"),
            ])
        },
        allowed: commissioner,
    },
    Call {
        path: "public/equality-report",
        body: |server, _| pairs(&[("year", &server.records.report_year.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/equality-reports",
        body: none,
        allowed: anyone,
    },
];
