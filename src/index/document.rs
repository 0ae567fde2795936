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
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let path = article.location.path.to_string_lossy();
    for part in [
        path.as_ref(),
        article.title.as_str(),
        article.body.as_str(),
        article.source.as_deref().unwrap_or(""),
        article.url.as_deref().unwrap_or(""),
    ] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    hasher.update(&(article.location.line.unwrap_or(0) as u64).to_le_bytes());
    if let Some(date) = article.date {
        hasher.update(&date.unix_seconds().to_le_bytes());
    }
    hasher.digest()
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

/// A 64-bit SimHash of a text's word 3-shingles (lower-cased words; one shingle in four,
/// chosen by hash, to keep it cheap). Copies of the same story from several outlets, with
/// small edits, land within a few bits of each other; unrelated texts differ in about 32 of
/// the 64 bits.
pub fn simhash(text: &str) -> u64 {
    // counts[bit]: how many sampled shingles have that bit set.
    let mut counts = [0u32; 64];
    let mut window = [0u64; 3];
    let mut seen = 0usize;
    let mut features = 0u32;
    let mut lower = String::new();
    for_each_lower_word(text, &mut lower, |word| {
        window = [window[1], window[2], xxhash_rust::xxh3::xxh3_64(word)];
        seen += 1;
        if seen < 3 {
            return;
        }
        let shingle = window[0].rotate_left(1) ^ window[1].rotate_left(7) ^ window[2];
        let shingle = shingle.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        if shingle & 3 != 0 {
            return;
        }
        features += 1;
        for (bit, count) in counts.iter_mut().enumerate() {
            *count += (shingle >> bit & 1) as u32;
        }
    });
    if features < MIN_SIMHASH_FEATURES {
        // Too short for a meaningful SimHash: only identical texts are copies.
        let mut words = Vec::new();
        for_each_lower_word(text, &mut lower, |word| {
            if !words.is_empty() {
                words.push(b' ');
            }
            words.extend_from_slice(word);
        });
        return xxhash_rust::xxh3::xxh3_64(&words);
    }
    // A bit is set when more sampled shingles have it than not.
    counts.iter().enumerate().fold(0u64, |hash, (bit, &count)| {
        if 2 * count > features {
            hash | 1 << bit
        } else {
            hash
        }
    })
}

/// Calls `f` with each alphanumeric word of `text`, lower-cased (`buffer` holds the copy).
fn for_each_lower_word(text: &str, buffer: &mut String, mut f: impl FnMut(&[u8])) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next alphanumeric character.
        let (start, mut ascii) = loop {
            let Some(&b) = bytes.get(i) else {
                return;
            };
            if b.is_ascii_alphanumeric() {
                break (i, true);
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() {
                break (i, false);
            }
            i += c.len_utf8();
        };
        // The word runs to the next character that is not alphanumeric.
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b < 0x80 {
                break;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        buffer.clear();
        if ascii {
            buffer.push_str(&text[start..i]);
            buffer.make_ascii_lowercase();
        } else {
            buffer.push_str(&text[start..i].to_lowercase());
        }
        f(buffer.as_bytes());
    }
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

    /// The definition, written plainly: words split on non-alphanumerics, lower-cased.
    fn simhash_by_definition(text: &str) -> u64 {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let hashes: Vec<u64> = words
            .iter()
            .map(|w| xxhash_rust::xxh3::xxh3_64(w.as_bytes()))
            .collect();
        let mut counts = [0i32; 64];
        let mut features = 0;
        for w in hashes.windows(3) {
            let shingle = (w[0].rotate_left(1) ^ w[1].rotate_left(7) ^ w[2])
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            if shingle & 3 == 0 {
                features += 1;
                for (bit, count) in counts.iter_mut().enumerate() {
                    *count += if shingle >> bit & 1 == 1 { 1 } else { -1 };
                }
            }
        }
        if features < MIN_SIMHASH_FEATURES {
            return xxhash_rust::xxh3::xxh3_64(words.join(" ").as_bytes());
        }
        (0..64).filter(|&b| counts[b] > 0).fold(0, |h, b| h | 1 << b)
    }

    #[test]
    fn the_fast_simhash_follows_the_definition() {
        let long = "Köln's ÉQUIPE beat Bayern 2-1; Ødegaard, İlkay and Σίσυφος ΟΔΥΣΣΕΑΣ scored. "
            .repeat(12);
        for text in [
            "",
            "  ...  ",
            "one",
            "Short text, only five words",
            "ÀÉÎ naïve café — 22.5m € ½ ² Straße",
            long.as_str(),
        ] {
            assert_eq!(simhash(text), simhash_by_definition(text), "{text}");
        }
    }

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
