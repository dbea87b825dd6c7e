//! Pages that belong to no area: home and the accessibility statement.

mod accessibility;
mod home;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
