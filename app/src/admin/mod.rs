//! The admin area: user accounts, the audit trail and the bank holidays.

mod audit;
mod bank_holidays;
mod users;

pub use audit::{list_audit, AuditPage, ListAudit};
pub use bank_holidays::BankHolidaysPage;
pub use users::{
    create_user, get_user, list_users, reset_password, update_user, CreateUser, EditUserPage,
    GetUser, ListUsers, NewUserPage, ResetPassword, UpdateUser, UsersPage,
};
