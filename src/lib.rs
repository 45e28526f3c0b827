//! saywho web app: paste an article, see who said what, correct it, download the JSON.
//!
//! `state` (every edit, undo/redo), `view` (paragraphs and nested highlights) and
//! `export` (CSV, file names) are pure and tested natively; `dom` and
//! `components` are the thin browser layer.

pub mod background;
pub mod components;
pub mod dom;
pub mod export;
pub mod idb;
pub mod models;
pub mod sample;
pub mod session;
pub mod report;
pub mod state;
pub mod view;
pub mod worker;
pub mod workspace;

pub use components::app::App;
