//! One page of a longer list, as every paged list returns it.

use serde::{Deserialize, Serialize};

/// `items` are page `page` of `pages` (at least one, even when empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub pages: u32,
}
