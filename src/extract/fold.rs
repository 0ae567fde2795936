//! Case and accent folding with a map back to the original text.
//!
//! "Köln’s" folds to "koln's"; every byte of the folded text remembers the byte offset of the
//! original character it came from, so matches found in folded text can be cut out of (and
//! checked against) the original.

/// Folded text and its map to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// Lower-case ASCII (where a transliteration exists) text.
    pub text: String,
    /// `origin[i]` is the original byte offset of the character that produced folded byte `i`;
    /// one extra entry holds the original length.
    pub origin: Vec<u32>,
}

impl Folded {
    /// The original byte range of a folded byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start] as usize, self.origin[end] as usize)
    }
}

/// True for a letter or digit (`char::is_alphanumeric`), with the non-ASCII characters news
/// text is full of decided without the Unicode tables: Latin-1 letters ("é", "ö") and the
/// General Punctuation block (curly quotes, dashes, special spaces: none alphanumeric).
#[inline]
pub fn is_word_char(c: char) -> bool {
    match c as u32 {
        0xC0..=0xFF => c != '\u{D7}' && c != '\u{F7}',
        0x2000..=0x206F => false,
        _ => c.is_alphanumeric(),
    }
}

/// Folds one character into `out`: ASCII lower-case, accents removed, curly quotes straight.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => out.push('\''),
        '\u{00A0}' => out.push(' '),
        _ => match deunicode::deunicode_char(c) {
            // Keep one byte per letter where possible; drop symbols that transliterate to
            // words ("€" -> "EUR") by keeping the character as it is.
            Some(ascii)
                if !ascii.is_empty()
                    && ascii.len() <= 2
                    && ascii.chars().all(|a| a.is_ascii_alphabetic()) =>
            {
                out.extend(ascii.chars().map(|a| a.to_ascii_lowercase()))
            }
            _ => out.extend(c.to_lowercase()),
        },
    }
}

/// Folds a whole string (no offset map), e.g. a name or an alias.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends the folded text to `out` (as [`fold`], into a buffer the caller reuses).
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        fold_char(c, out);
    }
}

/// Folds a text and keeps the map back to the original offsets.
pub fn fold_with_offsets(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len() + 1),
    };
    for (offset, c) in text.char_indices() {
        let before = folded.text.len();
        fold_char(c, &mut folded.text);
        for _ in before..folded.text.len() {
            folded.origin.push(offset as u32);
        }
    }
    folded.origin.push(text.len() as u32);
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_quotes() {
        assert_eq!(fold("Köln’s"), "koln's");
        assert_eq!(fold("Ødegaard"), "odegaard");
        assert_eq!(fold("Ibáñez"), "ibanez");
        assert_eq!(fold("€22.5m"), "€22.5m");
    }

    #[test]
    fn offsets_point_back_into_the_original() {
        let text = "1. FC Köln’s win";
        let folded = fold_with_offsets(text);
        let start = folded.text.find("koln").expect("found");
        let (s, e) = folded.original_range(start, start + 4);
        assert_eq!(&text[s..e], "Köln");
        assert_eq!(folded.origin.len(), folded.text.len() + 1);
    }

    #[test]
    fn word_chars_are_exactly_the_alphanumeric_ones() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
