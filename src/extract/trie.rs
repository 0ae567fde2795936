//! A multi-pattern automaton over words: the gazetteer's aliases as a trie of folded words,
//! matched leftmost-longest over an article's word tokens.
//!
//! Matching a byte-level Aho-Corasick DFA of ~60,000 aliases ran at about 30 MB/s here: the
//! DFA is far larger than the CPU caches, so almost every byte's transition missed them.
//! Aliases start and end on word boundaries anyway, so scout steps word by word instead:
//! one hash lookup per word (almost all words leave the root at once), and only the words
//! of real candidates go further.

use super::fold::fold_char;
use super::words::{ascii_lowercase_packed, is_ascii_packed, packed_word, WordSpans};
use rustc_hash::FxHashMap;

/// A word token of a text: its byte range in the original and in the folded buffer.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte in the original text.
    pub end: usize,
    /// Range of the folded word in [`Tokens::folded`].
    pub folded: (u32, u32),
    /// Hash of the folded word ([`word_hash`]): the automaton's key, and the duplicate
    /// signature's word feature.
    pub hash: u64,
    /// Punctuation other than `-`, `&`, `.`, `'` separates it from the previous token, so no
    /// alias may run across (a comma, a bracket, a line break...).
    pub break_before: bool,
    /// Only spaces separate it from the previous token.
    pub spaced: bool,
    /// Glued to the previous token by one hyphen or apostrophe ("Jean-Clair", "O'Neill",
    /// "Alonso's"); the separator is kept in the folded buffer between the two.
    pub glued: bool,
    /// A sentence may start here: first token, or after `.`, `!`, `?`, `:`, a quote or a
    /// line break.
    pub sentence_start: bool,
    /// Starts with an upper-case letter or a digit, as a name does.
    pub capitalised: bool,
}

/// The word tokens of a text and their folded forms.
#[derive(Debug, Default)]
pub struct Tokens {
    /// The tokens in text order.
    pub tokens: Vec<Token>,
    /// All folded words, back to back (glued tokens keep their separator between them).
    pub folded: String,
    /// Indices of the tokens where a name may start: capitalised ones and a "the" before
    /// one ("the Reds"). Entity recognition looks only at these and their neighbours.
    pub anchors: Vec<u32>,
}

/// Classes of the characters between words, as bits: what a gap between two tokens holds.
mod gap {
    /// Anything but a plain space.
    pub const NOT_SPACE: u8 = 1;
    /// Punctuation that no alias runs across (not `-`, `&`, `.`, `'`, a space).
    pub const BREAK: u8 = 2;
    /// May end a sentence: `.`, `!`, `?`, `:`, a line break or a double quote.
    pub const SENTENCE_END: u8 = 4;
    /// A hyphen: glues "Jean-Clair".
    pub const HYPHEN: u8 = 8;
    /// An apostrophe: glues "O'Neill", "Alonso's".
    pub const APOSTROPHE: u8 = 16;

    /// The class of a character that is not alphanumeric.
    pub const fn class(c: char) -> u8 {
        let not_space = if c == ' ' { 0 } else { NOT_SPACE };
        let breaks = match c {
            ' ' | '-' | '&' | '.' | '\'' | '’' | '\u{a0}' => 0,
            _ => BREAK,
        };
        let sentence = match c {
            '.' | '!' | '?' | ':' | '\n' | '"' | '“' | '”' => SENTENCE_END,
            _ => 0,
        };
        let glue = match c {
            '-' => HYPHEN,
            '\'' | '’' => APOSTROPHE,
            _ => 0,
        };
        not_space | breaks | sentence | glue
    }

    /// A gap's length in characters, the classes of all its characters and the class of
    /// its last one.
    #[inline]
    pub fn of(gap: &str) -> (usize, u8, u8) {
        if gap == " " {
            return (1, 0, 0);
        }
        let (mut len, mut classes, mut last) = (0, 0, 0);
        for c in gap.chars() {
            last = if c.is_ascii() {
                ASCII[c as usize]
            } else {
                class(c)
            };
            classes |= last;
            len += 1;
        }
        (len, classes, last)
    }

    /// [`class`] of every ASCII byte (letters and digits are never in a gap).
    pub static ASCII: [u8; 128] = {
        let mut table = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            table[b] = class(b as u8 as char);
            b += 1;
        }
        table
    };
}

impl Tokens {
    /// Splits a text into alphanumeric words ([`WordSpans`]), folding each (lower-case, no
    /// accents).
    pub fn of(text: &str) -> Tokens {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut anchors = Vec::with_capacity(text.len() / 32);
        // Built as bytes (a short ASCII word is copied as two integers), checked as UTF-8
        // once at the end.
        let mut folded: Vec<u8> = Vec::with_capacity(text.len() + 32);
        let mut scratch = String::new();
        let bytes = text.as_bytes();
        // The last token was a lower-case "the": an anchor if this one is capitalised.
        let mut after_the = false;
        let mut previous_end = 0;
        for (start, end) in WordSpans::new(text) {
            let (gap_len, mut gap_classes, gap_last) = gap::of(&text[previous_end..start]);
            previous_end = end;
            if tokens.is_empty() {
                // The text's start is a sentence start.
                gap_classes |= gap::BREAK | gap::SENTENCE_END;
            }
            let first = bytes[start];
            let capitalised = if first < 0x80 {
                first.is_ascii_uppercase() || first.is_ascii_digit()
            } else {
                text[start..].chars().next().is_some_and(char::is_uppercase)
            };
            let glued = !tokens.is_empty()
                && gap_len == 1
                && gap_last & (gap::HYPHEN | gap::APOSTROPHE) != 0;
            if glued {
                folded.push(if gap_last & gap::HYPHEN != 0 {
                    b'-'
                } else {
                    b'\''
                });
            }
            let folded_start = folded.len();
            let the = match packed_word(bytes, start, end).filter(|p| is_ascii_packed(*p)) {
                Some([low, high]) => {
                    let (low, high) = (ascii_lowercase_packed(low), ascii_lowercase_packed(high));
                    folded.extend_from_slice(&low.to_le_bytes());
                    folded.extend_from_slice(&high.to_le_bytes());
                    folded.truncate(folded_start + end - start);
                    low == THE && high == 0
                }
                None => {
                    scratch.clear();
                    for c in text[start..end].chars() {
                        fold_char(c, &mut scratch);
                    }
                    folded.extend_from_slice(scratch.as_bytes());
                    scratch == "the"
                }
            };
            if capitalised {
                if after_the {
                    anchors.push(tokens.len() as u32 - 1);
                }
                anchors.push(tokens.len() as u32);
            }
            after_the = !capitalised && the;
            tokens.push(Token {
                start,
                end,
                folded: (folded_start as u32, folded.len() as u32),
                hash: word_hash_bytes(&folded[folded_start..]),
                break_before: gap_classes & gap::BREAK != 0,
                spaced: gap_classes & gap::NOT_SPACE == 0 && gap_len > 0,
                glued,
                sentence_start: gap_classes & gap::SENTENCE_END != 0,
                capitalised,
            });
        }
        // Only ASCII and whole folded characters were written: valid UTF-8 (were it not,
        // the lossy copy would keep the text readable but shift the tokens' ranges).
        debug_assert!(std::str::from_utf8(&folded).is_ok());
        let folded = String::from_utf8(folded)
            .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned());
        Tokens {
            tokens,
            folded,
            anchors,
        }
    }

    /// The folded form of token `i`.
    #[inline]
    pub fn word(&self, i: usize) -> &str {
        let (s, e) = self.tokens[i].folded;
        &self.folded[s as usize..e as usize]
    }

    /// The folded form of tokens `first..=last` with their glue ("jean-clair").
    #[inline]
    pub fn span(&self, first: usize, last: usize) -> &str {
        let s = self.tokens[first].folded.0 as usize;
        let e = self.tokens[last].folded.1 as usize;
        &self.folded[s..e]
    }
}

/// The hash of a folded word: xxh3, stable across runs and platforms (signatures built from
/// it are stored in the index).
pub fn word_hash(word: &str) -> u64 {
    word_hash_bytes(word.as_bytes())
}

/// [`word_hash`] of a folded word's bytes.
#[inline]
fn word_hash_bytes(word: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word)
}

/// "the", packed ([`packed_word`]).
const THE: u64 = u64::from_le_bytes(*b"the\0\0\0\0\0");

/// A trie of word sequences; each complete sequence carries a pattern id.
#[derive(Debug, Default)]
pub struct WordTrie {
    edges: FxHashMap<(u32, u64), u32>,
    terminal: Vec<u32>,
    /// One bit per first-word hash bucket: most words of a text start no alias, and this
    /// small bitmap (it stays in cache) says so without a lookup in the large edge map.
    first_words: Vec<u64>,
}

const FIRST_WORD_BITS: u64 = 1 << 20;

fn first_word_bit(hash: u64) -> (usize, u64) {
    let bit = (hash >> 40) % FIRST_WORD_BITS;
    ((bit / 64) as usize, 1u64 << (bit % 64))
}

const NO_PATTERN: u32 = u32::MAX;

impl WordTrie {
    /// An empty trie (the root only).
    pub fn new() -> Self {
        WordTrie {
            edges: FxHashMap::default(),
            terminal: vec![NO_PATTERN],
            first_words: vec![0; (FIRST_WORD_BITS / 64) as usize],
        }
    }

    /// Adds a pattern given as its folded words; an existing pattern keeps its id.
    pub fn insert<'w>(&mut self, words: impl IntoIterator<Item = &'w str>, pattern: u32) {
        let mut node = 0u32;
        let mut any = false;
        for word in words {
            if !any {
                let (slot, bit) = first_word_bit(word_hash(word));
                self.first_words[slot] |= bit;
            }
            any = true;
            let next = self.terminal.len() as u32;
            node = *self
                .edges
                .entry((node, word_hash(word)))
                .or_insert_with(|| {
                    self.terminal.push(NO_PATTERN);
                    next
                });
        }
        if any && self.terminal[node as usize] == NO_PATTERN {
            self.terminal[node as usize] = pattern;
        }
    }

    /// The longest pattern starting at token `first`: (one past its last token, pattern id).
    pub fn longest_at(&self, tokens: &Tokens, first: usize) -> Option<(usize, u32)> {
        let hash = tokens.tokens[first].hash;
        let (slot, bit) = first_word_bit(hash);
        if self.first_words[slot] & bit == 0 {
            return None;
        }
        let mut node = 0u32;
        let mut best = None;
        for i in first..tokens.tokens.len() {
            if i > first && tokens.tokens[i].break_before {
                break;
            }
            match self.edges.get(&(node, tokens.tokens[i].hash)) {
                Some(&next) => node = next,
                None => break,
            }
            let pattern = self.terminal[node as usize];
            if pattern != NO_PATTERN {
                best = Some((i + 1, pattern));
            }
        }
        best
    }
}

/// Splits a folded alias into the words the trie stores (alphanumeric runs).
pub fn alias_words(folded_alias: &str) -> impl Iterator<Item = &str> {
    folded_alias
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_alias_and_respects_breaks() {
        let mut trie = WordTrie::new();
        trie.insert(alias_words("bayer leverkusen"), 1);
        trie.insert(alias_words("leverkusen"), 2);
        trie.insert(alias_words("1. fc koln"), 3);
        let tokens = Tokens::of("Bayer Leverkusen beat 1. FC Köln; Bayer, Leverkusen");
        assert_eq!(trie.longest_at(&tokens, 0), Some((2, 1)));
        assert_eq!(trie.longest_at(&tokens, 1), Some((2, 2)));
        assert_eq!(trie.longest_at(&tokens, 3), Some((6, 3)));
        // "Bayer, Leverkusen": the comma breaks the longer alias.
        assert_eq!(trie.longest_at(&tokens, 6), None);
        assert_eq!(trie.longest_at(&tokens, 7), Some((8, 2)));
    }

    /// The tokens of a text by their definition, character by character.
    fn tokens_by_definition(text: &str) -> Tokens {
        use super::super::fold::fold;
        let mut out = Tokens::default();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (i, c) in text.char_indices() {
            match runs.last_mut() {
                Some(run) if run.1 == i && c.is_alphanumeric() => run.1 = i + c.len_utf8(),
                _ if c.is_alphanumeric() => runs.push((i, i + c.len_utf8())),
                _ => {}
            }
        }
        let mut previous_end = 0;
        let mut after_the = false;
        for (start, end) in runs {
            let gap_text = &text[previous_end..start];
            previous_end = end;
            let gap_len = gap_text.chars().count();
            let mut classes = gap_text.chars().fold(0, |all, c| all | gap::class(c));
            let last = gap_text.chars().last().map_or(0, gap::class);
            if out.tokens.is_empty() {
                classes |= gap::BREAK | gap::SENTENCE_END;
            }
            let first = text[start..].chars().next().expect("a word");
            let capitalised = first.is_uppercase() || first.is_ascii_digit();
            let glued = !out.tokens.is_empty()
                && gap_len == 1
                && last & (gap::HYPHEN | gap::APOSTROPHE) != 0;
            if glued {
                out.folded
                    .push(if last & gap::HYPHEN != 0 { '-' } else { '\'' });
            }
            let folded_start = out.folded.len();
            out.folded.push_str(&fold(&text[start..end]));
            if capitalised {
                if after_the {
                    out.anchors.push(out.tokens.len() as u32 - 1);
                }
                out.anchors.push(out.tokens.len() as u32);
            }
            after_the = !capitalised && &out.folded[folded_start..] == "the";
            out.tokens.push(Token {
                start,
                end,
                folded: (folded_start as u32, out.folded.len() as u32),
                hash: word_hash(&out.folded[folded_start..]),
                break_before: classes & gap::BREAK != 0,
                spaced: classes & gap::NOT_SPACE == 0 && gap_len > 0,
                glued,
                sentence_start: classes & gap::SENTENCE_END != 0,
                capitalised,
            });
        }
        out
    }

    #[test]
    fn tokens_are_the_alphanumeric_runs_folded_with_their_gaps() {
        let pieces = [
            "Jean",
            "-",
            "Clair",
            "O",
            "\u{2019}",
            "'",
            "Neill",
            "Alonso",
            "s",
            " ",
            "  ",
            ",",
            ".",
            "\n",
            "the",
            "The",
            "th\u{e9}",
            "K\u{f6}ln",
            "\u{d6}STERREICH",
            "\u{130}stanbul",
            "22.5m",
            "xxxxxxxxxxxxxxxx",
            "Yyyyyyyyyyyyyyyyy",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "\u{201c}",
            "\u{201d}",
            "\u{2014}",
            "\u{65e5}\u{672c}",
            "\u{bd}",
            "x\u{b2}",
            "\u{a0}",
            "Reds",
            "-- ",
            "ab",
            "ABCDEFGH",
        ];
        let mut texts: Vec<String> = vec![String::new(), " ".into(), "th\u{e9} Reds".into()];
        for len in 60..70 {
            texts.push(format!("{} K\u{f6}ln", "a".repeat(len)));
            texts.push(format!("{}Abcdefghijklmnop", "- ".repeat(len / 2)));
        }
        // Random texts of those pieces (xorshift, fixed seed).
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 24) as usize {
                let pick = (seed >> (k * 2 % 48)) as usize + k * 7;
                text.push_str(pieces[pick % pieces.len()]);
            }
            texts.push(text);
        }
        for text in &texts {
            let (got, expected) = (Tokens::of(text), tokens_by_definition(text));
            assert_eq!(got.folded, expected.folded, "{text:?}");
            assert_eq!(got.anchors, expected.anchors, "{text:?}");
            assert_eq!(got.tokens.len(), expected.tokens.len(), "{text:?}");
            for (g, e) in got.tokens.iter().zip(&expected.tokens) {
                assert_eq!(format!("{g:?}"), format!("{e:?}"), "{text:?}");
            }
        }
    }
}
