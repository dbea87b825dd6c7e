//! The server's tests, in one binary: every page and server function for every role
//! (`access`), the HTTP behaviour of sessions, forms, records and security (`http`), and
//! the command line (`cli`). Each test starts its own server, on its own runtime, and they
//! run at once: the route list is made once per process (`server::web`), which is what let
//! them.

mod access;
mod cli;
mod http;
mod support;
