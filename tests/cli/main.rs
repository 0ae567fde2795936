//! Integration tests: the `scout` binary driven the way a user runs it, each test in its
//! own temporary directory.

mod common;
mod corpora;
mod entities;
mod index;
mod jobs;
mod query;
mod relevance;
mod search;
mod shell;
