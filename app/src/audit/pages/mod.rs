//! The audit trail's page.

mod trail;

pub use trail::AuditPage;
