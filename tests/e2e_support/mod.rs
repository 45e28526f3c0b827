//! Support for the end-to-end test: the static server, the browser, the page
//! driver and the expectations derived from the core's export.

pub mod app;
pub mod browser;
pub mod expect;
pub mod flows;
pub mod history;
pub mod server;
