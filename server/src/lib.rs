//! The `scrutineer` binary's parts: configuration, the command line's commands, and the
//! HTTP wiring. The binary itself (`main.rs`) only parses the command line and dispatches.

pub mod assets;
pub mod calendar;
mod cannot_save;
pub mod commands;
pub mod config;
pub mod evidence;
pub mod export;
mod forms;
pub mod import;
pub mod incidents;
pub mod jobs;
pub mod refusal;
pub mod web;
