//! The admin area: user accounts, the audit trail, the bank holidays and the topics.

mod audit;
mod bank_holidays;
mod topics;
mod users;

pub use audit::{list_audit, AuditPage, ListAudit};
pub use bank_holidays::BankHolidaysPage;
pub use topics::TopicsPage;
pub use users::{
    create_user, get_user, list_users, reset_password, update_user, CreateUser, EditUserPage,
    GetUser, ListUsers, NewUserPage, ResetPassword, UpdateUser, UsersPage,
};
