//! The duplicate signature: a SimHash of an article's word 3-shingles.
//!
//! Syndicated copies of a story (the same text from several outlets, with small edits) land
//! within a few bits of each other; unrelated texts differ in about 32 of the 64 bits. The
//! words are the folded word tokens the entity stage splits anyway ([`Tokens`]), so the
//! signature costs no second pass over the text.

use super::trie::Tokens;

/// Fewer sampled shingles than this and the SimHash is an exact-text hash instead.
const MIN_SIMHASH_FEATURES: u32 = 8;

/// The SimHash of a sequence of word hashes (one shingle in four, chosen by hash, is
/// sampled to keep it cheap). Too short a text for a meaningful SimHash gets a hash of the
/// whole word sequence, so that only identical texts are copies.
pub fn simhash(word_hashes: impl Iterator<Item = u64> + Clone) -> u64 {
    // counts[bit]: how many sampled shingles have that bit set, kept as eight byte-lane
    // counters (lanes[k] byte j counts bit 8j + k) that are flushed before a byte overflows:
    // eight adds per shingle instead of 64.
    let mut counts = [0u32; 64];
    let mut lanes = [0u64; 8];
    let mut pending = 0u32;
    let mut window = [0u64; 3];
    let mut seen = 0usize;
    let mut features = 0u32;
    let flush = |lanes: &mut [u64; 8], counts: &mut [u32; 64]| {
        for (k, lane) in lanes.iter_mut().enumerate() {
            for j in 0..8 {
                counts[8 * j + k] += (*lane >> (8 * j) & 0xFF) as u32;
            }
            *lane = 0;
        }
    };
    for hash in word_hashes.clone() {
        window = [window[1], window[2], hash];
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
        for (k, lane) in lanes.iter_mut().enumerate() {
            *lane += shingle >> k & 0x0101_0101_0101_0101;
        }
        pending += 1;
        if pending == 255 {
            flush(&mut lanes, &mut counts);
            pending = 0;
        }
    }
    flush(&mut lanes, &mut counts);
    if features < MIN_SIMHASH_FEATURES {
        let mut exact = xxhash_rust::xxh3::Xxh3::new();
        for hash in word_hashes {
            exact.update(&hash.to_le_bytes());
        }
        return exact.digest();
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

/// The SimHash of the tokens of `tokens` that start at or after byte `from` (the body of a
/// headline-and-body text).
pub fn simhash_from(tokens: &Tokens, from: usize) -> u64 {
    let first = tokens.tokens.partition_point(|t| t.start < from);
    simhash(tokens.tokens[first..].iter().map(|t| t.hash))
}

/// The SimHash of a text's words.
pub fn text_simhash(text: &str) -> u64 {
    simhash_from(&Tokens::of(text), 0)
}

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
        assert!(simhash_distance(text_simhash(story), text_simhash(&edited)) <= 8);
        assert!(simhash_distance(text_simhash(story), text_simhash(other)) > 16);
        // Case, accents and punctuation do not matter; words do.
        assert_eq!(
            text_simhash(story),
            text_simhash(&story.to_uppercase().replace(',', " ;"))
        );
        assert_eq!(text_simhash("Köln won, 2-1."), text_simhash("KOLN won 2 1"));
        assert_ne!(text_simhash("Köln won 2-1"), text_simhash("Köln lost 2-1"));
        assert_ne!(text_simhash("a b c d"), text_simhash("a b c"));
    }

    /// The SimHash as defined: each sampled shingle votes on every bit, one bit at a time.
    fn simhash_by_definition(hashes: &[u64]) -> u64 {
        let mut counts = [0u32; 64];
        let mut features = 0u32;
        for w in hashes.windows(3) {
            let shingle = (w[0].rotate_left(1) ^ w[1].rotate_left(7) ^ w[2])
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
            if shingle & 3 != 0 {
                continue;
            }
            features += 1;
            for (bit, count) in counts.iter_mut().enumerate() {
                *count += (shingle >> bit & 1) as u32;
            }
        }
        assert!(features >= MIN_SIMHASH_FEATURES);
        (0..64).fold(0, |h, bit| {
            if 2 * counts[bit] > features {
                h | 1 << bit
            } else {
                h
            }
        })
    }

    #[test]
    fn byte_lane_counting_equals_the_definition() {
        // Long enough for several flushes of the byte-lane counters (255 shingles each).
        for len in [100usize, 1_000, 2_100, 5_000] {
            let hashes: Vec<u64> = (0..len as u64)
                .map(|i| xxhash_rust::xxh3::xxh3_64(&(i % 97 * 31 + i / 7).to_le_bytes()))
                .collect();
            assert_eq!(
                simhash(hashes.iter().copied()),
                simhash_by_definition(&hashes)
            );
        }
    }

    #[test]
    fn the_body_signature_ignores_the_headline() {
        let body = "The defender is expected to undergo a medical this week.";
        let text = format!("Anton to Dortmund\n\n{body}");
        assert_eq!(simhash_from(&Tokens::of(&text), 19), text_simhash(body));
    }
}
