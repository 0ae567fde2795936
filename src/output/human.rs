//! Human output: one block per hit, best first.
//!
//! ```text
//!  1. 2024-06-18  Xabi Alonso could get one over on Arne Slot as ...
//!     TEAMtalk · 000_67b09ea07b725da8
//!     The defender has a release clause of €22.5m (£19m) which can be triggered ...
//!     clubs: Bayer Leverkusen, Liverpool · people: Waldemar Anton
//! ```

use super::{count_of, Emphasis};
use crate::extract::EntityKind;
use crate::search::snippet::Snippet;
use crate::search::{Explanation, FacetCounts, Hit, NameCount, SearchResults, StoredArticle};
use std::io::Write;

/// Writes ranked results; `first_rank` is the rank of the first hit (for paging).
pub fn print_results(
    out: &mut dyn Write,
    results: &SearchResults,
    first_rank: usize,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    for correction in &results.corrections {
        if correction.kept {
            writeln!(
                out,
                "Including results for {} (few articles have \"{}\"; use --exact to search it only)",
                correction.to, correction.from
            )?;
        } else {
            writeln!(
                out,
                "Showing results for {} (no article has \"{}\"; use --exact to search it as typed)",
                correction.to, correction.from
            )?;
        }
    }
    if !results.corrections.is_empty() {
        writeln!(out)?;
    }
    if results.fallback {
        let which = match results.fallback_words {
            Some(words) if words.matched > 1 => {
                format!("{} of its {} words", words.matched, words.of)
            }
            _ => "any of its words".to_owned(),
        };
        writeln!(
            out,
            "No article matches all of \"{}\"; showing articles that match {which}.\n",
            results.query
        )?;
    }
    for (i, hit) in results.hits.iter().enumerate() {
        print_hit(out, hit, first_rank + i, emphasis)?;
    }
    if let Some(facets) = &results.facets {
        writeln!(
            out,
            "Top entities among all {}:",
            count_of(results.total_hits as u64, "hit")
        )?;
        print_facets(out, facets, &EntityKind::ALL)?;
        writeln!(out)?;
    }
    // A later page says which ranks it shows: "3-4 of 71".
    let shown = match results.hits.len() {
        n if first_rank > 1 && n > 0 => format!("{first_rank}-{}", first_rank + n - 1),
        n => n.to_string(),
    };
    writeln!(
        out,
        "{shown} of {}",
        count_of(results.total_hits as u64, "matching article")
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
        .map(|kind| format!("{}: {}", plural(kind), capped(hit.entities.of_kind(kind))))
        .collect();
    if !entities.is_empty() {
        writeln!(out, "    {}", entities.join(" · "))?;
    }
    if !hit.similar.is_empty() {
        let mut sources: Vec<&str> = hit
            .similar
            .iter()
            .map(|s| s.source.as_deref().unwrap_or(s.id.as_str()))
            .collect();
        sources.dedup();
        let shown = sources
            .iter()
            .take(4)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if hit.similar_count > sources.len().min(4) {
            ", …"
        } else {
            ""
        };
        writeln!(out, "    +{} similar ({shown}{more})", hit.similar_count)?;
    }
    if let Some(explain) = &hit.explain {
        print_explanation(out, explain)?;
    }
    writeln!(out)
}

/// Prints a hit's score explanation, indented under it.
pub fn print_explanation(out: &mut dyn Write, explain: &Explanation) -> std::io::Result<()> {
    let matched: Vec<String> = explain
        .matched
        .iter()
        .map(|m| format!("{} ({})", m.term, m.fields.join("+")))
        .collect();
    writeln!(
        out,
        "    why: matched {}",
        if matched.is_empty() {
            "-".to_string()
        } else {
            matched.join(", ")
        }
    )?;
    let mut parts = format!("text {:.3}", explain.text_score);
    if explain.entity_boost > 0.0 {
        parts.push_str(&format!(
            " + entities {:.3} ({})",
            explain.entity_boost,
            explain.entities.join(", ")
        ));
    }
    if let Some(freshness) = explain.freshness {
        parts.push_str(&format!(", x freshness {freshness:.3}"));
    }
    writeln!(out, "         score {:.3} = {parts}", explain.score)
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

/// Writes a whole article: headline, date, source and URL, id and file, every entity (one
/// line per kind), then the full text.
pub fn print_article(
    out: &mut dyn Write,
    article: &StoredArticle,
    emphasis: Emphasis,
) -> std::io::Result<()> {
    let (open, close) = emphasis.markers();
    writeln!(out, "{open}{}{close}", article.title)?;
    let about: Vec<&str> = [
        Some(article.date.as_deref().unwrap_or("undated")),
        article.source.as_deref(),
        article.url.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    writeln!(out, "{}", about.join(" · "))?;
    writeln!(out, "{} · {}", article.id, article.path)?;
    for kind in EntityKind::ALL {
        let names = article.entities.of_kind(kind);
        if !names.is_empty() {
            writeln!(out, "{}: {}", plural(kind), names.join(", "))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", article.body.trim_end())
}

/// Entities shown per kind under a hit; the rest are counted.
const ENTITIES_SHOWN: usize = 6;

fn capped(names: &[String]) -> String {
    let shown = names[..names.len().min(ENTITIES_SHOWN)].join(", ");
    match names.len().saturating_sub(ENTITIES_SHOWN) {
        0 => shown,
        more => format!("{shown} +{more}"),
    }
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
