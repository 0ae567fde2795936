//! scout: a full-text search engine for football news.
//!
//! ```text
//! index:  files --corpus--> Article --extract--> Entities --index::document--> tantivy doc --index::writer--> index/
//! search: query + flags --search::query--> tantivy Query --search--> SearchResults --output--> stdout
//! ```
//! `commands` ties the stages to the command line; nothing below it prints.

pub mod cli;
pub mod commands;
pub mod corpus;
pub mod extract;
pub mod index;
pub mod output;
pub mod search;

pub use commands::{run, Outcome};
