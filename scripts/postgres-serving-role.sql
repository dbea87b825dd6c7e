-- A PostgreSQL role for the running server with only the rights its code uses: it may read
-- every table and add rows, change and remove rows only in the tables listed below, and
-- may never change, delete or truncate audit events nor touch the migrations' record
-- (docs/SECURITY.md, "The audit trail"). Run it as the database's owner after `scrutineer migrate`
-- (which the owner runs: the serving role cannot create tables), and again after each
-- upgrade. Replace scrutineer_app with the role's name and give it a password, or use
-- peer/certificate authentication. The two lists are checked against the code's SQL by
-- services/tests/both_databases/audit_chain.rs: a new UPDATE or DELETE fails that test
-- until it is granted here.
GRANT USAGE ON SCHEMA public TO scrutineer_app;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM scrutineer_app;
GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO scrutineer_app;
REVOKE INSERT ON _sqlx_migrations FROM scrutineer_app;
GRANT UPDATE ON action_counters, actions, agenda_items, board_members, boards, calendar_feeds, complaint_figures, contract_monitoring, ethnicity_labels, evidence_settings, extension_requests, invitations, meetings, minutes, notifications, outcome_labels, population_tables, questions, recovery_codes, redactions, reminders_sent, sessions, sign_in_attempts, stop_search_imports, timeline_entries, topics, users TO scrutineer_app;
GRANT DELETE ON agenda_items, bank_holidays, calendar_feeds, complaint_thresholds, equality_reports, equality_tags, evidence_publications, evidence_thresholds, form_flashes, invitations, kept_uploads, kept_work, meeting_attendance, meeting_guests, minutes_unsaved, notification_choices, owner_titles, questions, recovery_codes, reminders_sent, sessions, sign_in_attempts, stop_search_counts, stop_search_imports, stop_searches, timeline_entries TO scrutineer_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO scrutineer_app;
