//! The `document` stage: an [`Article`] and its [`Entities`] -> a tantivy document.

use super::schema::Fields;
use crate::corpus::Article;
use crate::extract::Entities;
use tantivy::schema::Facet;
use tantivy::{DateTime, TantivyDocument};

/// A stable 64-bit hash of everything stored about an article's content.
///
/// Covers where it was read from too (an article that moves is re-indexed). Used to tell
/// unchanged articles from changed ones on re-index; stable across runs and platforms (xxh3).
pub fn content_hash(article: &Article) -> u64 {
    let mut bytes = Vec::with_capacity(article.title.len() + article.body.len() + 64);
    let path = article.location.path.to_string_lossy();
    for part in [
        path.as_ref(),
        article.title.as_str(),
        article.body.as_str(),
        article.source.as_deref().unwrap_or(""),
        article.url.as_deref().unwrap_or(""),
    ] {
        bytes.extend_from_slice(part.as_bytes());
        bytes.push(0);
    }
    bytes.extend_from_slice(&(article.location.line.unwrap_or(0) as u64).to_le_bytes());
    if let Some(date) = article.date {
        bytes.extend_from_slice(&date.unix_seconds().to_le_bytes());
    }
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// The facet path of one entity: `/kind/name`.
pub fn entity_facet(kind: &str, name: &str) -> Facet {
    Facet::from_path([kind, name])
}

/// Builds the tantivy document for an article.
pub fn to_document(
    fields: &Fields,
    article: &Article,
    entities: &Entities,
    content_hash: u64,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, &article.id);
    doc.add_text(fields.title, &article.title);
    doc.add_text(fields.body, &article.body);
    if let Some(date) = article.date {
        doc.add_date(
            fields.date,
            DateTime::from_timestamp_secs(date.unix_seconds()),
        );
    }
    if let Some(source) = &article.source {
        doc.add_text(fields.source, source);
    }
    if let Some(url) = &article.url {
        doc.add_text(fields.url, url);
    }
    doc.add_text(fields.path, article.location.path.to_string_lossy());
    doc.add_u64(fields.line, article.location.line.unwrap_or(0) as u64);
    for (kind, name) in entities.iter() {
        doc.add_facet(fields.entity, entity_facet(kind.name(), name));
    }
    doc.add_u64(fields.content_hash, content_hash);
    doc.add_u64(fields.simhash, simhash(&article.body));
    doc
}

/// A 64-bit SimHash of a text's word 3-shingles (lower-cased ASCII words; one shingle in
/// four, chosen by hash, to keep it cheap). Copies of the same story from several outlets,
/// with small edits, land within a few bits of each other; unrelated texts differ in about
/// 32 of the 64 bits.
pub fn simhash(text: &str) -> u64 {
    let mut counts = [0i32; 64];
    let mut window = [0u64; 3];
    let mut seen = 0usize;
    let mut features = 0u32;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        window = [
            window[1],
            window[2],
            xxhash_rust::xxh3::xxh3_64(lower.as_bytes()),
        ];
        seen += 1;
        if seen < 3 {
            continue;
        }
        let shingle = window[0].rotate_left(1) ^ window[1].rotate_left(7) ^ window[2];
        let shingle = shingle.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if shingle & 3 != 0 {
            continue;
        }
        features += 1;
        for (bit, count) in counts.iter_mut().enumerate() {
            *count += if shingle >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    if features < MIN_SIMHASH_FEATURES {
        // Too short for a meaningful SimHash: only identical texts are copies.
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        return xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes());
    }
    counts.iter().enumerate().fold(
        0u64,
        |hash, (bit, &count)| if count > 0 { hash | 1 << bit } else { hash },
    )
}

/// Fewer sampled shingles than this and the SimHash is an exact-text hash instead.
const MIN_SIMHASH_FEATURES: u32 = 8;

/// Number of differing bits between two SimHashes.
pub fn simhash_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_with_small_edits_are_close_and_other_stories_far() {
        let story =
            "Liverpool have agreed a fee with Stuttgart for Waldemar Anton, who has a release \
            clause of 22.5 million euros. The defender is expected to undergo a medical this week \
            before signing a five-year contract. Arne Slot wants a new centre-back after the \
            departure of Joel Matip, and Anton fits the profile the club has been looking for all \
            summer. Leverkusen and Dortmund were also interested in the 27-year-old.";
        let edited =
            format!("{story} Reporting by our correspondent.").replace("this week", "on Tuesday");
        let other =
            "Arsenal beat Chelsea 3-1 at the Emirates on Sunday thanks to goals from Saka, \
            Odegaard and Havertz, moving three points clear at the top of the Premier League table \
            with nine games left, while Chelsea remain tenth after another defeat away from home.";
        assert!(simhash_distance(simhash(story), simhash(&edited)) <= 8);
        assert!(simhash_distance(simhash(story), simhash(other)) > 16);
        assert_eq!(simhash(story), simhash(&story.to_uppercase()));
    }
}
