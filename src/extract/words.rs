//! Word boundaries: the alphanumeric runs of a text, found through a bitmap of its bytes.
//! The one definition of a word shared by entity recognition's tokens, the indexing
//! analyzer and the snippets.

use super::fold::is_word_char;

/// The words of a text: byte ranges of alphanumeric runs (as tantivy's `SimpleTokenizer`
/// splits), long words included.
///
/// The text is first classified into a bitmap (one bit per byte: part of a word or not,
/// eight ASCII bytes at a time through a table), then words are read off the bitmap by
/// counting zeros: no branch per byte, so word boundaries cost no mispredicted jumps (the
/// byte-by-byte loop spent three nanoseconds a byte on news text).
pub struct WordSpans<'a> {
    text: &'a str,
    /// Bit `i % 64` of `bits[i / 64]`: byte `i` belongs to a word.
    bits: Vec<u64>,
    /// Which of `bits` is being read.
    index: usize,
    /// Word boundaries (first byte of a word, first byte after one) not yet read in
    /// `bits[index]`.
    edges: u64,
    /// The last bit of `bits[index]` (a word running on into the next one).
    carry: u64,
}

impl<'a> WordSpans<'a> {
    /// The words of `text`.
    pub fn new(text: &'a str) -> Self {
        let bits = word_bitmap(text);
        let first = bits.first().copied().unwrap_or(0);
        WordSpans {
            text,
            bits,
            index: 0,
            edges: first ^ (first << 1),
            carry: first >> 63,
        }
    }

    /// The byte offset of the next word boundary.
    #[inline]
    fn next_edge(&mut self) -> Option<usize> {
        while self.edges == 0 {
            self.index += 1;
            let bits = *self.bits.get(self.index)?;
            self.edges = bits ^ (bits << 1 | self.carry);
            self.carry = bits >> 63;
        }
        let edge = self.index * 64 + self.edges.trailing_zeros() as usize;
        self.edges &= self.edges - 1;
        Some(edge)
    }
}

/// 1 for ASCII letters and digits.
const ASCII_WORD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric() as u8;
        b += 1;
    }
    table
};

/// One bit per byte of `text`: set where the byte belongs to an alphanumeric character.
fn word_bitmap(text: &str) -> Vec<u64> {
    let bytes = text.as_bytes();
    let mut bits = vec![0u64; bytes.len().div_ceil(64)];
    let mut at = 0;
    while at < bytes.len() {
        if let Some(chunk) = bytes.get(at..at + 8) {
            let packed = u64::from_le_bytes(chunk.try_into().unwrap_or([0x80; 8]));
            if packed & 0x8080_8080_8080_8080 == 0 {
                let mut byte_bits = 0u64;
                for (i, &b) in chunk.iter().enumerate() {
                    byte_bits |= u64::from(ASCII_WORD[usize::from(b)]) << i;
                }
                set_bits(&mut bits, at, 8, byte_bits);
                at += 8;
                continue;
            }
        }
        let b = bytes[at];
        if b < 0x80 {
            set_bits(&mut bits, at, 1, u64::from(ASCII_WORD[usize::from(b)]));
            at += 1;
        } else {
            let c = text.get(at..).and_then(|rest| rest.chars().next());
            let len = c.map_or(1, char::len_utf8);
            if c.is_some_and(is_word_char) {
                set_bits(&mut bits, at, len, (1u64 << len) - 1);
            }
            at += len;
        }
    }
    bits
}

/// Sets the `count` (at most 8) bits from bit `at` to the low bits of `value`.
#[inline]
fn set_bits(bits: &mut [u64], at: usize, count: usize, value: u64) {
    let (index, shift) = (at / 64, at % 64);
    bits[index] |= value << shift;
    if shift + count > 64 {
        bits[index + 1] |= value >> (64 - shift);
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    #[inline]
    fn next(&mut self) -> Option<(usize, usize)> {
        let start = self.next_edge()?;
        // A word running to the very end of the text has its end edge past the bitmap.
        let end = self.next_edge().unwrap_or(self.text.len());
        Some((start, end))
    }
}

/// A word of up to 16 bytes, `bytes[start..end]`, packed into two integers (little-endian,
/// zero-padded), or `None` for a longer word. Unambiguous: words are runs of alphanumeric
/// characters, whose UTF-8 never holds a zero byte. Read through a fixed 16-byte window
/// and masked, so that words of every length take the same few instructions (a loop over
/// the bytes mispredicted its exit once a word).
#[inline]
pub fn packed_word(bytes: &[u8], start: usize, end: usize) -> Option<[u64; 2]> {
    let len = end.checked_sub(start)?;
    if len > 16 {
        return None;
    }
    if len == 0 {
        return Some([0, 0]);
    }
    let mut window = [0u8; 16];
    match bytes.get(start..).and_then(|rest| rest.get(..16)) {
        Some(sixteen) => window.copy_from_slice(sixteen),
        None => window[..len].copy_from_slice(bytes.get(start..end)?),
    }
    // The word's bytes only (no branch on the length: 1 <= len <= 16).
    let word = u128::from_le_bytes(window) & (u128::MAX >> (128 - 8 * len));
    Some([word as u64, (word >> 64) as u64])
}

/// High bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// True when every byte of a packed word is ASCII.
#[inline]
pub fn is_ascii_packed(packed: [u64; 2]) -> bool {
    (packed[0] | packed[1]) & HIGH_BITS == 0
}

/// ASCII upper-case letters lower-cased in eight bytes at once; every byte must be ASCII
/// ([`is_ascii_packed`]).
#[inline]
pub fn ascii_lowercase_packed(bytes: u64) -> u64 {
    debug_assert_eq!(bytes & HIGH_BITS, 0);
    // High bit of a byte set where it is at least 'A', and where it is above 'Z' (no carry
    // crosses into the next byte: ASCII bytes stay below 0x80 + 0x3F).
    let at_least_a = bytes.wrapping_add(0x3F3F_3F3F_3F3F_3F3F);
    let above_z = bytes.wrapping_add(0x2525_2525_2525_2525);
    let upper = at_least_a & !above_z & HIGH_BITS;
    bytes | upper >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Alphanumeric runs by the definition, char by char.
    fn words_by_definition(text: &str) -> Vec<(usize, usize)> {
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        words
    }

    #[test]
    fn word_spans_are_the_alphanumeric_runs_wherever_they_fall_in_the_bitmap() {
        let mut texts = vec![
            String::new(),
            " ,.-- ".to_owned(),
            "a".to_owned(),
            "Ødegaard's 22.5m transfer—Köln “quoted” 東京 naïve".to_owned(),
        ];
        // Words and multi-byte characters across the 64-bit word boundaries, and texts
        // ending exactly at one.
        for pad in 55..70 {
            texts.push(format!("{} Mbappé été ü", "x".repeat(pad)));
            texts.push(format!("{}é", "-".repeat(pad)));
            texts.push("y".repeat(pad + 59));
            texts.push(format!("{}’{}", "z ".repeat(pad / 2), "w".repeat(pad)));
        }
        for text in &texts {
            let spans: Vec<(usize, usize)> = WordSpans::new(text).collect();
            assert_eq!(spans, words_by_definition(text), "{text:?}");
        }
    }

    #[test]
    fn packed_words_are_the_bytes_zero_padded_wherever_the_word_ends() {
        let by_definition = |word: &[u8]| {
            let mut padded = [0u8; 16];
            padded[..word.len()].copy_from_slice(word);
            [
                u64::from_le_bytes(padded[..8].try_into().unwrap()),
                u64::from_le_bytes(padded[8..].try_into().unwrap()),
            ]
        };
        let text =
            "a ab abcdefgh abcdefghi ÖÖÖÖÖÖÖÖ abcdefghijklmnop abcdefghijklmnopq z".as_bytes();
        for (start, end) in WordSpans::new(std::str::from_utf8(text).unwrap()) {
            let word = &text[start..end];
            let expected = (word.len() <= 16).then(|| by_definition(word));
            assert_eq!(packed_word(text, start, end), expected, "{start}..{end}");
        }
        // Words ending the text, where no 16-byte window fits.
        for start in 0..text.len() {
            let end = text.len();
            if end - start <= 16 {
                assert_eq!(
                    packed_word(text, start, end),
                    Some(by_definition(&text[start..]))
                );
            }
        }
    }

    #[test]
    fn packed_lowercasing_equals_ascii_lowercasing_of_every_byte() {
        for b in 0u8..128 {
            for lane in 0..8 {
                let mut bytes = [b'q'; 8];
                bytes[lane] = b;
                let mut expected = bytes;
                expected.make_ascii_lowercase();
                assert_eq!(
                    ascii_lowercase_packed(u64::from_le_bytes(bytes)),
                    u64::from_le_bytes(expected),
                    "byte {b} in lane {lane}"
                );
            }
        }
        assert!(is_ascii_packed([u64::from_le_bytes(*b"Leverkus"), 0x6e65]));
        assert!(!is_ascii_packed([0, u64::from(0xC3u8)]));
    }
}
