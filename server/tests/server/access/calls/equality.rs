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
                ("change", "A new version"),
            ])
        },
        allowed: commissioner,
    },
    Call {
        path: "equality/contracts",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "equality/contract",
        body: |server, _| pairs(&[("id", &server.records.contract.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "equality/add-contract",
        body: |_, who| {
            pairs(&[
                ("kind", "contract"),
                ("title", &format!("Interpreting for {who}")),
                ("party", "Words Ltd"),
                ("value", "£9,500"),
                ("starts_on", "2026-04-01"),
                ("ends_on", "2027-03-31"),
                ("requirements", "Interpreters for every language asked for."),
                ("manager_name", "Policy Lead"),
                ("monitoring", "2026-10-31"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/add-monitoring-date",
        body: |server, who| {
            let due = format!("2027-0{}-01", 1 + who.len() % 9);
            pairs(&[
                ("id", &server.records.contract.to_string()),
                ("due_on", &due),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "equality/record-return",
        body: |server, who| {
            pairs(&[
                ("id", &server.records.contract.to_string()),
                ("return_due", &support::due_for(who)),
                ("received_on", "2026-06-20"),
                ("evidence", "Monitoring data received."),
                ("return_rating", "on_track"),
            ])
        },
        allowed: opcc,
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
