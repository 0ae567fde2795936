//! The `query` stage: query text -> syntax tree -> tantivy query.

pub mod compile;
pub mod lazy_union;
pub mod parse;

pub use compile::{
    relax, Compiled, Compiler, Correction, EntityResolver, Frequency, Highlight, NamedEntity,
    Spelling, Suggestion, ENTITY_BOOST,
};
pub use parse::{parse_query, DateRange, Node, QueryError};
