//! Calls about boards, meetings, agendas and minutes.

use super::*;

pub(super) const CALLS: &[Call] = &[
    Call {
        path: "boards/list",
        body: none,
        allowed: opcc,
    },
    Call {
        path: "boards/create",
        body: |_, who| {
            let name = format!("Board by {who}");
            pairs(&[
                ("code", &code_for(who)),
                ("name", &name),
                ("description", ""),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "boards/update",
        body: |server, _| {
            pairs(&[
                ("id", &board(server)),
                ("code", "TEST"),
                ("name", "Test Board"),
                ("description", "Updated"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "boards/get",
        body: |server, _| pairs(&[("id", &board(server))]),
        allowed: opcc,
    },
    Call {
        path: "boards/people",
        body: none,
        allowed: editors,
    },
    Call {
        path: "boards/add-member",
        body: |server, who| {
            let name = format!("Member added by {who}");
            pairs(&[("board", &board(server)), ("name", &name)])
        },
        allowed: editors,
    },
    Call {
        path: "boards/remove-member",
        body: |server, who| {
            let member = server.records.spare(who).member.to_string();
            pairs(&[("board", &board(server)), ("member", &member)])
        },
        allowed: editors,
    },
    Call {
        path: "boards/meetings",
        body: |server, _| pairs(&[("board", &board(server))]),
        allowed: opcc,
    },
    Call {
        path: "meetings/create",
        body: |server, _| {
            pairs(&[
                ("board", &board(server)),
                ("date", "2099-06-01"),
                ("time", "10:00"),
                ("location", "HQ"),
                ("status", "scheduled"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "meetings/update",
        body: |server, _| {
            pairs(&[
                ("id", &meeting(server)),
                ("date", "2025-05-06"),
                ("time", "10:00"),
                ("location", "HQ, Room 2"),
                ("status", "held"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "meetings/get",
        body: |server, _| pairs(&[("id", &meeting(server))]),
        allowed: opcc,
    },
    Call {
        path: "meetings/attendance",
        body: |server, _| pairs(&[("id", &meeting(server)), ("guests", "Ann Guest, HMICFRS")]),
        allowed: editors,
    },
    Call {
        path: "meetings/publish",
        body: |server, _| pairs(&[("id", &meeting(server)), ("publish", "yes")]),
        allowed: editors,
    },
    Call {
        path: "agenda/add",
        body: |server, _| {
            pairs(&[
                ("meeting", &meeting(server)),
                ("title", "Any other business"),
                ("purpose", "information"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/get",
        body: |server, _| pairs(&[("id", &server.records.agenda_item.to_string())]),
        allowed: opcc,
    },
    Call {
        path: "agenda/update",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.agenda_item.to_string()),
                ("title", "Review of Action Tracker"),
                ("purpose", "decision"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/move",
        body: |server, _| {
            pairs(&[
                ("id", &server.records.agenda_item.to_string()),
                ("direction", "down"),
            ])
        },
        allowed: editors,
    },
    Call {
        path: "agenda/remove",
        body: |server, who| pairs(&[("id", &server.records.spare(who).agenda_item.to_string())]),
        allowed: editors,
    },
    // Before the minutes are saved again below: the actions are created from version 1.
    Call {
        path: "minutes/actions",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting)])
        },
        allowed: opcc,
    },
    Call {
        path: "meetings/owner-titles/list",
        body: none,
        allowed: editors,
    },
    Call {
        path: "meetings/owner-titles/add",
        body: |_, who| pairs(&[("title", &format!("Head of {who}")), ("owner", "force")]),
        allowed: editors,
    },
    Call {
        path: "meetings/owner-titles/remove",
        body: |server, who| spare_id(server, who, |s| s.owner_title),
        allowed: editors,
    },
    Call {
        path: "minutes/create-actions",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[
                ("meeting", &meeting),
                ("version", "1"),
                ("include[3]", "on"),
                ("topic[3]", "1"),
            ])
        },
        allowed: opcc,
    },
    Call {
        path: "minutes/get",
        body: |server, _| pairs(&[("meeting", &meeting(server))]),
        allowed: opcc,
    },
    Call {
        path: "minutes/save",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            let body = format!("Minutes edited by {who}");
            pairs(&[("meeting", &meeting), ("based_on", "1"), ("body", &body)])
        },
        allowed: editors,
    },
    Call {
        path: "minutes/preview",
        body: |_, _| pairs(&[("body", "# Heading")]),
        allowed: editors,
    },
    Call {
        path: "minutes/discard",
        body: |server, who| pairs(&[("meeting", &server.records.spare(who).meeting.to_string())]),
        allowed: editors,
    },
    Call {
        path: "minutes/step",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting), ("step", "submit")])
        },
        allowed: editors,
    },
    Call {
        path: "minutes/diff",
        body: |server, who| {
            let meeting = server.records.spare(who).meeting.to_string();
            pairs(&[("meeting", &meeting), ("from", "1"), ("to", "1")])
        },
        allowed: opcc,
    },
    Call {
        path: "public/meetings",
        body: none,
        allowed: anyone,
    },
    Call {
        path: "briefing/get",
        body: |server, _| pairs(&[("meeting", &meeting(server))]),
        allowed: opcc,
    },
];
