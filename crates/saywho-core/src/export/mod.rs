//! The export stage: the exchange format and the checks on imported files.
//!
//! In: what the pipeline found (built into a [`format::Document`] by
//! `pipeline.rs`) or a JSON file to import. Out: the JSON of
//! `../shared/docs/annotation-format.md`, or a precise [`validate::ImportError`].

mod char_index;
pub mod format;
pub mod jsonl;
pub mod sources;
pub mod validate;
pub mod w3c;
