//! The quote stage: quotations and who said them.
//!
//! In: the [`Text`](crate::text::Text) and its [`Entities`](crate::entities::Entities).
//! Out: every quotation (direct, indirect, partial) with its cue, the span
//! naming its source and the entity that source resolves to
//! ([`speakers::Attributed`]).
//!
//! The flow runs one way: [`marks`] pairs quotation marks; [`cues`] finds
//! reporting expressions; [`reported`] reads the content clause of a cue
//! (indirect speech); [`speakers`] finds each quotation's cue and source and
//! resolves pronouns and quotes with no cue.

pub mod context;
pub mod cues;
pub mod marks;
pub mod reported;
mod resolution;
mod sources;
pub mod speakers;

#[cfg(test)]
mod tests;

pub use marks::{find_marked, Marked, QuoteKind};
