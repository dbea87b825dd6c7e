//! Calls about stop and search evidence: the figures, imports, labels and population tables,
//! figures on questions, thresholds and publishing.

use super::*;

pub(super) const CALLS: &[Call] = &[
    Call {
        path: "evidence/figures",
        body: |_, _| pairs(&[("query", "force=west-midlands&period=month&month=2026-09")]),
        allowed: signed_in,
    },
    Call {
        path: "evidence/imports",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "evidence/import",
        body: |server, _| pairs(&[("id", &server.records.stop_search_import.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "evidence/labels",
        body: none,
        allowed: signed_in,
    },
    Call {
        path: "evidence/population-import",
        body: |_, who| {
            pairs(&[
                ("name", &format!("Estimates from {who}")),
                ("source", "The test"),
                ("year", "2024"),
                ("table", "pfa_code,ethnic_group,population\nE23000014,Black,200000\nE23000014,White,1800000\n"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "evidence/population-default",
        body: |_, _| pairs(&[("id", "1")]),
        allowed: opcc,
    },
    Call {
        path: "evidence/attach",
        body: |server, _| {
            pairs(&[
                ("question", &server.records.question.to_string()),
                ("group", "black"),
                ("address", "force=west-midlands&period=month&month=2026-09"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "evidence/answer-labels",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.asking_import.to_string()),
                ("meaning[0]", "black"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "evidence/map-label",
        body: |_, who| {
            pairs(&[
                ("kind", "ethnicity"),
                ("label", &format!("Label mapped by {who}")),
                ("meaning", "other"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "evidence/settings",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "evidence/our-force",
        body: |_, _| pairs(&[("force", "west-midlands")]),
        allowed: admin_only,
    },
    Call {
        path: "evidence/fewest-searches",
        body: |_, _| pairs(&[("fewest", "20")]),
        allowed: |who| matches!(who, Some(Role::Admin | Role::Commissioner)),
    },
    Call {
        path: "evidence/kept-upload",
        body: |_, _| pairs(&[("token", "no-such-token")]),
        allowed: opcc,
    },
    Call {
        path: "evidence/threshold-add",
        body: |_, _| pairs(&[("kind", "ratio"), ("value", "3")]),
        allowed: commissioner,
    },
    Call {
        path: "evidence/threshold-remove",
        body: |_, _| pairs(&[("id", "1")]),
        allowed: commissioner,
    },
    Call {
        path: "evidence/publish",
        body: |_, _| pairs(&[("force", "west-midlands"), ("publish", "yes")]),
        allowed: commissioner,
    },
    Call {
        path: "evidence/question-figures",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: signed_in,
    },
    Call {
        path: "public/question-figures",
        body: |server, _| pairs(&[("id", &server.records.question.to_string())]),
        allowed: anyone,
    },
    Call {
        path: "public/evidence",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "evidence/complaints",
        body: |_, _| pairs(&[("force", "west-midlands")]),
        allowed: signed_in,
    },
    Call {
        path: "evidence/complaint-import",
        body: |server, _| pairs(&[("id", &server.records.complaints_import.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "evidence/complaints-threshold-add",
        body: |_, _| pairs(&[("threshold_measure", "days_to_contact"), ("percent", "25")]),
        allowed: commissioner,
    },
    Call {
        path: "evidence/complaints-threshold-remove",
        // The threshold the commissioner added just before.
        body: |_, _| pairs(&[("id", "1")]),
        allowed: commissioner,
    },
];
