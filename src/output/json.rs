//! JSON output: the contract scripts rely on.
//!
//! `scout search --json` prints exactly one JSON object followed by a newline:
//!
//! ```json
//! {
//!   "query": "Anton release clause",      // the query as given
//!   "total_hits": 1,                       // articles matching in all
//!   "fallback": false,                     // true: nothing matched all words
//!   "fallback_words": null,                // with fallback: {"matched": 2, "of": 3}, the
//!                                          // fewest of the query's words each hit matches
//!   "corrections": [],                     // words searched with a near spelling
//!   "hits": [                              // best first, at most --limit
//!     {
//!       "id": "000_67b09ea07b725da8",
//!       "title": "Xabi Alonso could get one over ...",
//!       "date": "2024-06-18",              // YYYY-MM-DD (UTC) or null
//!       "score": 7.31,                     // relevance, higher is better
//!       "source": null,                    // publisher or null
//!       "url": null,                       // original URL or null
//!       "path": "seeds/000_67b09ea07b725da8.txt",
//!       "snippet": {
//!         "text": "The defender has a release clause of €22.5m ...",
//!         "highlights": [[19, 26], [27, 33]]   // [start, end) byte offsets into text
//!       },
//!       "entities": { "club": [], "person": [], "competition": [] },
//!       "similar": [ { "id": "...", "source": "..." } ],   // collapsed copies (first 5)
//!       "similar_count": 1,                 // copies of the story among all matches
//!       "explain": { ... }                  // only with --explain: matched terms and fields,
//!                                           // text_score, entities, entity_boost, freshness,
//!                                           // score, details (tantivy's tree or null)
//!     }
//!   ],
//!   "facets": { "club": [ { "name": "...", "count": 3 } ], "person": [], "competition": [] },
//!                                           // only with --facets
//!   "filters": { "club": ["Arsenal"], "person": [], "competition": [] }
//!                                           // the entities filtered on, as resolved
//! }
//! ```
//! Fields are never removed or renamed without a major version change; new fields may be
//! added. Highlight offsets are UTF-8 byte offsets, sorted and disjoint. `path` is absolute.

use crate::search::SearchResults;
use std::io::Write;

/// Writes the results as one JSON object and a newline.
pub fn print_results(out: &mut dyn Write, results: &SearchResults) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, results)?;
    writeln!(out)
}
