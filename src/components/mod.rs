//! The Yew components. Each gets its data and callbacks through props.

pub mod add;
pub mod app;
pub mod article;
pub mod dialogs;
pub mod downloads;
pub mod keys;
pub mod panels;
pub mod selection;
pub mod sources;
pub mod workspace;
