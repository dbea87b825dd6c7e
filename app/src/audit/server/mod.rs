//! Server functions of the audit trail.

mod trail;

pub use trail::*;
