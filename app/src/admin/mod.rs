//! The admin area: user accounts and the audit trail.

mod audit;
mod users;

pub use audit::{list_audit, AuditPage, ListAudit};
pub use users::{
    create_user, get_user, list_users, reset_password, update_user, CreateUser, EditUserPage,
    GetUser, ListUsers, NewUserPage, ResetPassword, UpdateUser, UsersPage,
};
