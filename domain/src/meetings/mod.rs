//! Boards, meetings, agendas and minutes: the states they can be in, and what pages show of
//! them. Times reach pages already in London time, as text: the browser never converts.

mod views;

pub use views::*;
