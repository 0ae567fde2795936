//! Human output: one block per hit, best first.
//!
//! ```text
//!  1. 2024-06-18  Xabi Alonso could get one over on Arne Slot as ...
//!     TEAMtalk · 000_67b09ea07b725da8
//!     The defender has a release clause of €22.5m (£19m) which can be triggered ...
//!     clubs: Bayer Leverkusen, Liverpool · people: Waldemar Anton
//! ```

use super::Emphasis;
use crate::extract::EntityKind;
use crate::search::snippet::Snippet;
use crate::search::{FacetCounts, Hit, NameCount, SearchResults};
use std::io::Write;

/// Writes ranked results; `first_rank` is the rank of the first hit (for paging).
pub fn print_results(
    out: &mut dyn Write,
    results: &SearchResults,
    first_rank: usize,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    if results.fallback {
        writeln!(
            out,
            "No article matches all of \"{}\"; showing articles that match any of its words.\n",
            results.query
        )?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(out, hit, first_rank + i, emphasis)?;
    }
    if let Some(facets) = &results.facets {
        writeln!(out, "Top entities among all {} hits:", results.total_hits)?;
        print_facets(out, facets, &EntityKind::ALL)?;
        writeln!(out)?;
    }
    let shown = results.hits.len();
    writeln!(
        out,
        "{shown} of {} matching article{}",
        results.total_hits,
        if results.total_hits == 1 { "" } else { "s" }
    )
}

fn print_hit(
    out: &mut dyn Write,
    hit: &Hit,
    rank: usize,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    let date = hit.date.as_deref().unwrap_or("undated");
    writeln!(out, "{rank:>2}. {date:<10}  {}", hit.title)?;
    let origin = hit.source.as_deref().unwrap_or(&hit.path);
    writeln!(out, "    {origin} · {}", hit.id)?;
    if !hit.snippet.text.is_empty() {
        writeln!(out, "    {}", emphasize(&hit.snippet, emphasis))?;
    }
    let entities: Vec<String> = EntityKind::ALL
        .into_iter()
        .filter(|kind| !hit.entities.of_kind(*kind).is_empty())
        .map(|kind| {
            format!(
                "{}: {}",
                plural(kind),
                hit.entities.of_kind(kind).join(", ")
            )
        })
        .collect();
    if !entities.is_empty() {
        writeln!(out, "    {}", entities.join(" · "))?;
    }
    writeln!(out)
}

/// Prints entity counts, one kind after another: `  12  Bayer Leverkusen`.
pub fn print_facets(
    out: &mut dyn Write,
    facets: &FacetCounts,
    kinds: &[EntityKind],
) -> std::io::Result<()> {
    for kind in kinds {
        let counts = facets.of_kind(*kind);
        if counts.is_empty() {
            continue;
        }
        writeln!(out, "{}:", plural(*kind))?;
        let width = counts
            .iter()
            .map(|c| c.count.to_string().len())
            .max()
            .unwrap_or(1);
        for NameCount { name, count } in counts {
            writeln!(out, "  {count:>width$}  {name}")?;
        }
    }
    Ok(())
}

fn plural(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Club => "clubs",
        EntityKind::Person => "people",
        EntityKind::Competition => "competitions",
    }
}

/// The snippet text with its highlights wrapped in the emphasis markers.
pub fn emphasize(snippet: &Snippet, emphasis: Emphasis) -> String {
    let (open, close) = emphasis.markers();
    let mut text = String::with_capacity(snippet.text.len() + snippet.highlights.len() * 8);
    let mut at = 0;
    for [start, end] in &snippet.highlights {
        let (start, end) = (*start, *end);
        if start < at || end > snippet.text.len() {
            continue;
        }
        text.push_str(&snippet.text[at..start]);
        text.push_str(open);
        text.push_str(&snippet.text[start..end]);
        text.push_str(close);
        at = end;
    }
    text.push_str(&snippet.text[at..]);
    text
}
