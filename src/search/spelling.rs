//! Typo tolerance from the index's own vocabulary: a word that matches nothing, or far less
//! than a close spelling, gets that spelling ("Plettenburg" -> "plettenberg").
//!
//! Near spellings come from the body field's term dictionary through a Levenshtein automaton
//! (distance 1 for words of 4-7 letters, 2 from 8 letters; a transposition counts as one
//! edit; the spelling offered must be as near the word as articles write it, not only its
//! stem: [`near_spelling`]). The most frequent candidate at the smallest distance wins.

use super::query::{Frequency, Spelling};
use crate::extract::fold::fold;
use crate::index::analyzer::{analyze_terms, news_analyzer};
use rustc_hash::FxHashMap;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, DocSet, TantivyDocument, Term, TERMINATED};

/// Words this short are never corrected (too many near neighbours).
const MIN_LETTERS: usize = 4;
/// A typed word found in at least this many articles is taken as meant.
const KNOWN_DOC_FREQ: u64 = 5;
/// A candidate must be this many times more frequent than a typed word that has matches.
const MUCH_MORE: u64 = 20;
/// Most articles read to find how a suggested term is written.
const FORMS_READ: usize = 5;

/// Suggests spellings from an index snapshot.
pub struct IndexSpelling<'a> {
    /// The snapshot searched.
    pub searcher: &'a tantivy::Searcher,
    /// The field whose vocabulary is used (the body).
    pub body: Field,
    /// The title field (its frequencies count too).
    pub title: Field,
}

impl IndexSpelling<'_> {
    fn doc_freq(&self, term: &str) -> u64 {
        [self.body, self.title]
            .into_iter()
            .map(|field| {
                self.searcher
                    .doc_freq(&Term::from_field_text(field, term))
                    .unwrap_or(0)
            })
            .max()
            .unwrap_or(0)
    }

    /// Index terms within `distance` edits of `term`, with their document frequencies.
    fn neighbours(&self, term: &str, distance: u8) -> FxHashMap<String, u64> {
        let mut found: FxHashMap<String, u64> = FxHashMap::default();
        let query = FuzzyTermQuery::new(Term::from_field_text(self.body, term), distance, true);
        // One automaton for all segments (building it is most of a small index's cost).
        let Ok(automaton) = query.automaton() else {
            return found;
        };
        for segment in self.searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.body) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                if let Ok(candidate) = std::str::from_utf8(stream.key()) {
                    if candidate != term {
                        *found.entry(candidate.to_owned()).or_default() +=
                            u64::from(stream.value().doc_freq);
                    }
                }
            }
        }
        found
    }
}

impl IndexSpelling<'_> {
    /// How articles write the analysed term `wanted`, to show and to look up as a name: the
    /// stem alone ("mbapp") is no word. Of the forms in the first [`FORMS_READ`] articles
    /// with it (or up to the first that holds a form one edit away), the one nearest to the
    /// word as typed (`typed`: "goals" for "golas", "Mbappé" for "Mbape"), the term's own
    /// form first among equals ("transfer" before "transfers"); a form in capitals is
    /// lower-cased ("TRANSFER").
    fn written_form(&self, wanted: &str, typed: &str) -> Option<String> {
        let term = Term::from_field_text(self.body, wanted);
        let typed = fold(typed);
        let mut analyzer = news_analyzer();
        // (distance to the typed word, not the term's own form, form)
        let mut nearest: Option<(usize, bool, String)> = None;
        let mut read = 0;
        'segments: for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let Ok(inverted) = segment.inverted_index(self.body) else {
                continue;
            };
            let Ok(Some(mut postings)) = inverted.read_postings(&term, IndexRecordOption::Basic)
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            while postings.doc() != TERMINATED && read < FORMS_READ {
                let doc = postings.doc();
                postings.advance();
                if alive.is_some_and(|a| !a.is_alive(doc)) {
                    continue;
                }
                read += 1;
                let address = DocAddress::new(ord as u32, doc);
                let Ok(stored) = self.searcher.doc::<TantivyDocument>(address) else {
                    continue;
                };
                let Some(body) = stored.get_first(self.body).and_then(|v| v.as_str()) else {
                    continue;
                };
                let mut stream = analyzer.token_stream(body);
                while stream.advance() {
                    let token = stream.token();
                    if token.text != wanted {
                        continue;
                    }
                    let Some(form) = body.get(token.offset_from..token.offset_to) else {
                        continue;
                    };
                    let form = if form.chars().skip(1).any(char::is_lowercase) {
                        form.to_owned()
                    } else {
                        form.to_lowercase()
                    };
                    let folded = fold(&form);
                    let rank = (
                        strsim::damerau_levenshtein(&folded, &typed),
                        folded != wanted,
                    );
                    if nearest
                        .as_ref()
                        .is_none_or(|(distance, other, _)| rank < (*distance, *other))
                    {
                        nearest = Some((rank.0, rank.1, form));
                    }
                }
                // One edit is as near as another word's form can be (the typed word's own
                // forms are another term): the rest of the articles can offer no nearer.
                if nearest
                    .as_ref()
                    .is_some_and(|(distance, _, _)| *distance <= 1)
                {
                    break 'segments;
                }
            }
            if read == FORMS_READ {
                break;
            }
        }
        nearest.map(|(_, _, form)| form)
    }
}

/// Most edits between a typed word of `letters` letters and a spelling offered for it: one
/// for 4-7 letters, two from 8 (a transposition counts as one).
fn edits_allowed(letters: usize) -> usize {
    if letters >= 8 {
        2
    } else {
        1
    }
}

/// True when `written`, a spelling as articles write it, is within [`edits_allowed`] of the
/// `typed` word (folded), or is once given the short ending (a letter or two: a plural, a
/// verb's) the stemmer took off the typed word (`stem`: "strikrs", stem "strikr", is one edit
/// from "striker" + "s"). Near stems alone are not enough: "quintessence" (stem "quintess")
/// is two edits from the stem of "quintet", and far from the word.
pub fn near_spelling(typed: &str, stem: &str, written: &str) -> bool {
    let typed = fold(typed);
    let written = fold(written);
    let allowed = edits_allowed(typed.chars().count());
    let ending: String = typed
        .chars()
        .skip(
            typed
                .chars()
                .zip(stem.chars())
                .take_while(|(a, b)| a == b)
                .count(),
        )
        .collect();
    strsim::damerau_levenshtein(&typed, &written) <= allowed
        || ((1..=2).contains(&ending.chars().count())
            && !written.ends_with(&ending)
            && strsim::damerau_levenshtein(&typed, &(written + &ending)) <= allowed)
}

/// The word with two neighbouring letters swapped, and with one letter left out: the edits
/// of a hurried typist ("sprus", "Spurss").
fn swaps_and_deletions(word: &str) -> Vec<String> {
    let letters: Vec<char> = word.chars().collect();
    let mut variants = Vec::with_capacity(2 * letters.len());
    for i in 0..letters.len() {
        let mut deleted = letters.clone();
        deleted.remove(i);
        variants.push(deleted.into_iter().collect());
        if i + 1 < letters.len() && letters[i] != letters[i + 1] {
            let mut swapped = letters.clone();
            swapped.swap(i, i + 1);
            variants.push(swapped.into_iter().collect());
        }
    }
    variants
}

impl Frequency for IndexSpelling<'_> {
    fn article_share(&self, term: &str) -> f64 {
        let articles = self.searcher.num_docs().max(1);
        self.doc_freq(term) as f64 / articles as f64
    }
}

impl Spelling for IndexSpelling<'_> {
    fn written(&self, wanted: &str, typed: &str) -> String {
        self.written_form(wanted, typed)
            .unwrap_or_else(|| wanted.to_owned())
    }

    fn candidates(&self, term: &str, typed: &str, most: usize) -> Vec<(String, bool)> {
        let letters = term.chars().count();
        if letters < MIN_LETTERS || term.chars().any(|c| c.is_ascii_digit()) {
            return Vec::new();
        }
        let typed_freq = self.doc_freq(term);
        if typed_freq >= KNOWN_DOC_FREQ {
            return Vec::new();
        }
        // Distance 1 first: when it finds anything, the nearest candidates are among those,
        // and the far larger distance-2 automaton is not needed.
        let mut candidates = self.neighbours(term, 1);
        if candidates.is_empty() && edits_allowed(letters) > 1 {
            candidates = self.neighbours(term, 2);
        }
        let mut ranked: Vec<(usize, u64, String)> = candidates
            .into_iter()
            .map(|(candidate, freq)| {
                (
                    strsim::damerau_levenshtein(term, &candidate),
                    freq,
                    candidate,
                )
            })
            .collect();
        // One edit of the word as typed that changes its stem ("sprus" -> "spurs", stem
        // "spur"): the automaton over stems finds "spur" two edits away, after "spous".
        let mut analyzer = news_analyzer();
        for variant in swaps_and_deletions(&fold(typed)) {
            if let [stem] = analyze_terms(&mut analyzer, &variant).as_slice() {
                if stem != term && !ranked.iter().any(|c| c.2 == *stem) {
                    let freq = self.doc_freq(stem);
                    if freq > 0 {
                        ranked.push((1, freq, stem.clone()));
                    }
                }
            }
        }
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let nearest = ranked.first().map_or(0, |c| c.0);
        ranked
            .into_iter()
            .take_while(|c| c.0 == nearest)
            // A typed word some articles have gives way only to a far more frequent one.
            .filter(|&(_, freq, _)| typed_freq == 0 || freq >= MUCH_MORE * typed_freq)
            .take(most)
            .map(|(_, _, candidate)| (candidate, typed_freq > 0))
            .collect()
    }
}
