//! The quote stage: quotations and who said them.
//!
//! In: the [`Text`](crate::text::Text) and its [`Entities`](crate::entities::Entities).
//! Out: every quotation (direct, indirect, partial) with its cue, the span
//! naming its source and the entity that source resolves to
//! ([`speakers::Attributed`]).
//!
//! The flow runs one way: [`marks`] pairs quotation marks; [`cues`] finds
//! reporting expressions; [`reported`] reads the content clause of a cue
//! (indirect speech); `sources.rs` finds the subject of a cue; `resolution.rs`
//! resolves pronouns and quotes with no cue; [`speakers`] runs those steps
//! over the document. [`context`] holds what all of them look up (`Ctx`) and
//! the types they pass on, so none imports a later step.

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
