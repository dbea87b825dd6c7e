//! A temporary file that removes itself when dropped: an upload spooled to disk while it is
//! read, a kept upload written back. Named at random in the system's temporary folder.

use std::path::PathBuf;

/// A temporary copy that removes itself.
pub struct Spooled {
    pub path: PathBuf,
}

impl Spooled {
    pub fn new() -> Spooled {
        let name = format!(
            "scrutineer-{}-{}.upload",
            std::process::id(),
            crate::common::tokens::new_token()
        );
        Spooled {
            path: std::env::temp_dir().join(name),
        }
    }
}

impl Default for Spooled {
    fn default() -> Self {
        Spooled::new()
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
