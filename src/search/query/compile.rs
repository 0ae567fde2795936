//! Parsed query -> tantivy query, plus the terms and phrases to highlight.
//!
//! Words and phrases search title and body (title matches weigh [`TITLE_BOOST`] times more);
//! filters (dates, entities, source) restrict without changing scores. One to three
//! consecutive words that name a known entity ("Man Utd", "Spurs", "Anton", "Europa
//! League") match the words themselves, the entity's canonical name, or articles tagged
//! with the entity, and tagged articles get [`ENTITY_BOOST`]: articles about the entity
//! rank above articles that merely contain the word. A word the index hardly knows is
//! widened to a near spelling ([`Spelling`]).

use super::lazy_union::{BonusQuery, LazyUnionQuery};
use super::parse::{DateRange, Node};
use crate::index::analyzer::analyze_terms;
use crate::index::schema::Fields;
use crate::search::spelling::near_spelling;
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DateTime, Term};

/// How much more a title match weighs than a body match.
pub const TITLE_BOOST: f32 = 2.0;

/// Score added to articles tagged with an entity the query names ("Anton" -> Waldemar Anton).
pub const ENTITY_BOOST: f32 = 1.5;

/// Words of a query pair may stand this many words apart for the proximity bonus.
const PROXIMITY_SLOP: u32 = 3;
/// A pair of words each in more than this share of the articles gets no proximity bonus:
/// "for the" near each other says nothing, and checking it costs positions in every article.
const PROXIMITY_COMMON_SHARE: f64 = 0.25;
/// Weight of the proximity bonus relative to a word's own score.
const PROXIMITY_WEIGHT: f32 = 0.5;

/// Most other names of an entity an article tagged with it is scored by.
const MAX_ALIAS_NAMES: usize = 6;
/// Near spellings of a capitalised typed word looked at for one that names an entity.
const NAME_SPELLINGS: usize = 3;
/// Near spellings of a capitalised word before another tried for a name of the two.
const PAIR_SPELLINGS: usize = 12;

/// Longest run of query words looked up as one entity name.
const MAX_ENTITY_WORDS: usize = 3;

/// What the highlighter should mark: single terms and whole phrases, as analysed terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Highlight {
    /// Analysed terms matched anywhere.
    pub terms: Vec<String>,
    /// Analysed phrases (each at least two terms) with their slop.
    pub phrases: Vec<(Vec<String>, u32)>,
}

/// An entity a query text names.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedEntity {
    /// Its facets: the canonical name's first, then other spellings it is tagged under.
    pub facets: Vec<Facet>,
    /// Its canonical name.
    pub canonical: String,
    /// Its other names that name it on their own ("Cologne" for 1. FC Köln): articles tagged
    /// with it score by these too.
    pub aliases: Vec<String>,
}

/// Turns names in queries into entity facets.
pub trait EntityResolver {
    /// The facets for an entity filter (`kind`, name as typed: the entity's canonical name
    /// and its other spellings), or an error message naming close alternatives.
    fn resolve(&self, kind: &str, name: &str) -> Result<Vec<Facet>, String>;
    /// The entities of any kind this text names. `capitalised` says the user wrote it like
    /// a name; surnames and nicknames only count then.
    fn named_by(&self, text: &str, capitalised: bool) -> Vec<NamedEntity>;
}

/// A spelling the index knows better than the one typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The analysed term to search instead (or as well).
    pub term: String,
    /// The term as an article writes it ("Mbappé" for the stem "mbapp"), to show and to look
    /// up as a name.
    pub word: String,
    /// Keep matching the typed term too (it has a few matches of its own).
    pub keep_original: bool,
}

/// How common an analysed term is in the index.
pub trait Frequency {
    /// The share of articles (0 to 1) whose title or body has the term.
    fn article_share(&self, term: &str) -> f64;
}

/// Looks up near spellings of analysed terms in the index.
pub trait Spelling {
    /// Better-known near spellings (analysed terms) of the analysed `term` (`typed` as
    /// typed) when the typed one finds nothing or far less: up to `most` of them, all at the
    /// smallest distance, most frequent first, each saying whether to keep matching the
    /// typed term too.
    fn candidates(&self, term: &str, typed: &str, most: usize) -> Vec<(String, bool)>;
    /// How articles write the analysed term `wanted` ("Mbappé" for "mbapp"), the one nearest
    /// to `typed` (the word as typed: "goals" for "golas").
    fn written(&self, wanted: &str, typed: &str) -> String;
}

/// A word the search replaced or widened with a near spelling.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The word as typed.
    pub from: String,
    /// The spelling searched for (as the index has it, capitalised like the typed word).
    pub to: String,
    /// True when the typed spelling is still searched too.
    pub kept: bool,
}

/// Everything needed to compile a query against one index.
pub struct Compiler<'a> {
    /// The index fields.
    pub fields: &'a Fields,
    /// The title/body analyzer.
    pub news: TextAnalyzer,
    /// The source-field analyzer.
    pub keyword: TextAnalyzer,
    /// Resolves entity names.
    pub entities: &'a dyn EntityResolver,
    /// Suggests near spellings for words the index hardly knows (`None`: exact search).
    pub spelling: Option<&'a dyn Spelling>,
    /// Term frequencies (the proximity bonus skips pairs of very common words).
    pub frequency: &'a dyn Frequency,
}

/// A compiled query and what to highlight for it.
pub struct Compiled {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// Terms and phrases to highlight in snippets.
    pub highlight: Highlight,
    /// Words widened or replaced by near spellings.
    pub corrections: Vec<Correction>,
    /// Entities the query names (each as its facets, canonical first), whose articles get
    /// [`ENTITY_BOOST`].
    pub boosted: Vec<Vec<Facet>>,
}

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("query", &self.query)
            .field("highlight", &self.highlight)
            .field("corrections", &self.corrections)
            .finish()
    }
}

/// What compiling collects besides the query.
#[derive(Default)]
struct Notes {
    highlight: Highlight,
    /// The names of the entities filtered on: highlighted when the query has no words of
    /// its own (`--person rashford` alone shows where the article names Rashford).
    filtered: Highlight,
    corrections: Vec<Correction>,
    boosted: Vec<Vec<Facet>>,
    /// The word being compiled will only be asked about articles another clause leads to
    /// (not the rarest of an AND): a lazy union of title and body serves it best.
    asked_only: bool,
}

type Clause = (Occur, Box<dyn Query>);

impl Compiler<'_> {
    /// Compiles a query tree (`None` matches every article).
    pub fn compile(&mut self, node: Option<&Node>) -> Result<Compiled, String> {
        let mut notes = Notes::default();
        let query = match node {
            None => Box::new(AllQuery) as Box<dyn Query>,
            Some(node) => self.node(node, false, &mut notes)?,
        };
        if notes.highlight.terms.is_empty() && notes.highlight.phrases.is_empty() {
            notes.highlight = std::mem::take(&mut notes.filtered);
        }
        notes.highlight.terms.sort();
        notes.highlight.terms.dedup();
        Ok(Compiled {
            query,
            highlight: notes.highlight,
            corrections: notes.corrections,
            boosted: notes.boosted,
        })
    }

    fn node(
        &mut self,
        node: &Node,
        negated: bool,
        notes: &mut Notes,
    ) -> Result<Box<dyn Query>, String> {
        Ok(match node {
            Node::Word(_) | Node::Phrase { .. } => {
                let mut clauses = self.text_run(std::slice::from_ref(node), negated, notes);
                clauses
                    .pop()
                    .map_or_else(|| Box::new(EmptyQuery) as Box<dyn Query>, |(_, q)| q)
            }
            Node::Title(inner) => match inner.as_ref() {
                Node::Word(word) => self.word(word, None, true, negated, notes),
                Node::Phrase { text, slop } => self.text(text, *slop, true, negated, notes),
                other => self.node(other, negated, notes)?,
            },
            Node::Entity { kind, name } => {
                let facets = self.entities.resolve(kind, name)?;
                if !negated {
                    self.note_filtered(kind, name, &facets, notes);
                }
                filter(self.tagged(&facets))
            }
            Node::Source(name) => {
                let terms: Vec<Term> = analyze_terms(&mut self.keyword, name)
                    .iter()
                    .map(|t| Term::from_field_text(self.fields.source, t))
                    .collect();
                filter(phrase_or_term(
                    terms,
                    0,
                    IndexRecordOption::WithFreqsAndPositions,
                ))
            }
            Node::Dates(range) => filter(self.date_range(*range)),
            Node::Not(inner) => Box::new(BooleanQuery::new(vec![
                (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                (Occur::MustNot, self.node(inner, !negated, notes)?),
            ])),
            Node::And(children) => {
                let mut clauses: Vec<Clause> = Vec::new();
                let mut run: Vec<Node> = Vec::new();
                for child in children {
                    match child {
                        Node::Word(_) | Node::Phrase { .. } => run.push(child.clone()),
                        other => {
                            clauses.extend(self.text_run(&run, negated, notes));
                            run.clear();
                            match other {
                                Node::Not(inner) => clauses
                                    .push((Occur::MustNot, self.node(inner, !negated, notes)?)),
                                _ => clauses.push((Occur::Must, self.node(other, negated, notes)?)),
                            }
                        }
                    }
                }
                clauses.extend(self.text_run(&run, negated, notes));
                conjunction(clauses)
            }
            Node::Or(children) => {
                let mut clauses = Vec::new();
                for child in children {
                    clauses.push((Occur::Should, self.node(child, negated, notes)?));
                }
                Box::new(BooleanQuery::new(clauses))
            }
            Node::AtLeast { min, children } => {
                let mut clauses = Vec::new();
                for child in children {
                    clauses.push((Occur::Should, self.node(child, negated, notes)?));
                }
                Box::new(BooleanQuery::with_minimum_required_clauses(clauses, *min))
            }
        })
    }

    /// Required clauses for consecutive words and phrases: runs of up to
    /// [`MAX_ENTITY_WORDS`] words (or a phrase) naming an entity become one entity group,
    /// longest first; other words stand alone.
    fn text_run(&mut self, run: &[Node], negated: bool, notes: &mut Notes) -> Vec<Clause> {
        let mut clauses = Vec::new();
        // Words that stand alone (not in a phrase or an entity name), for the proximity bonus;
        // `None` separates runs of them.
        let mut plain: Vec<Option<Node>> = Vec::new();
        // The rarest word of the run will most likely lead the intersection (advanced
        // article by article); the others are only asked about its articles.
        let rarest = (run.len() > 1)
            .then(|| {
                run.iter()
                    .enumerate()
                    .filter_map(|(i, node)| match node {
                        Node::Word(word) => {
                            let share = match analyze_terms(&mut self.news, word).as_slice() {
                                [term] => self.frequency.article_share(term),
                                _ => 1.0,
                            };
                            Some((i, share))
                        }
                        _ => None,
                    })
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(i, _)| i)
            })
            .flatten();
        let mut i = 0;
        while i < run.len() {
            if let Node::Phrase { text, slop } = &run[i] {
                let named = if *slop > 0 {
                    Vec::new()
                } else {
                    self.entities.named_by(text, true)
                };
                let query = self.text(text, *slop, false, negated, notes);
                clauses.push((
                    Occur::Must,
                    self.entity_group(query, text, &named, negated, notes),
                ));
                plain.push(None);
                i += 1;
                continue;
            }
            let mut words: Vec<&str> = Vec::new();
            for node in &run[i..] {
                match node {
                    Node::Word(word) if words.len() < MAX_ENTITY_WORDS => words.push(word),
                    _ => break,
                }
            }
            let mut matched = None;
            // The near spelling of the first word, once asked (kept for `word` below).
            let mut asked = None;
            // Negated too: "-Cologne" leaves out every article "Cologne" finds, those
            // tagged 1. FC Köln under another name among them.
            for n in (1..=words.len()).rev() {
                let text = words[..n].join(" ");
                let capitalised = words[..n].iter().all(|w| w.starts_with(char::is_uppercase));
                let named = self.entities.named_by(&text, capitalised || n > 1);
                // A word the index hardly knows beside a far more frequent near spelling
                // is a typo ("Postecoglu"), even when a rare entity bears it.
                let typo = n == 1 && !named.is_empty() && {
                    let suggestion = self.suggestion(words[0], words.get(1).copied());
                    let typo = suggestion.is_some();
                    asked = Some(suggestion);
                    typo
                };
                if !named.is_empty() && !typo {
                    matched = Some((n, text, named));
                    break;
                }
            }
            match matched {
                Some((n, text, named)) => {
                    let query = self.text(&text, 0, false, negated, notes);
                    clauses.push((
                        Occur::Must,
                        self.entity_group(query, &text, &named, negated, notes),
                    ));
                    plain.push(None);
                    i += n;
                }
                None => {
                    notes.asked_only = rarest.is_some_and(|r| r != i);
                    // Asked with the next word, which may make a name with a near spelling.
                    let asked = match asked {
                        None if !negated => Some(self.suggestion(words[0], words.get(1).copied())),
                        asked => asked,
                    };
                    let query = self.word(words[0], asked, false, negated, notes);
                    notes.asked_only = false;
                    clauses.push((Occur::Must, query));
                    plain.push(Some(run[i].clone()));
                    i += 1;
                }
            }
        }
        if !negated {
            for words in plain.split(Option::is_none) {
                let words: Vec<Node> = words.iter().flatten().cloned().collect();
                clauses.extend(self.proximity(&words));
            }
        }
        clauses
    }

    /// Optional clauses rewarding consecutive query words that stand close together in the
    /// text (within [`PROXIMITY_SLOP`] words): "new contract" near each other beats the two
    /// words far apart. (Entity names and phrases are phrases already.)
    fn proximity(&mut self, run: &[Node]) -> Vec<Clause> {
        let terms: Vec<Option<String>> = run
            .iter()
            .map(|node| match node {
                Node::Word(word) => match analyze_terms(&mut self.news, word).as_slice() {
                    [term] => Some(term.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        terms
            .windows(2)
            .filter_map(|pair| match pair {
                [Some(a), Some(b)]
                    if a != b
                        && (self.frequency.article_share(a) <= PROXIMITY_COMMON_SHARE
                            || self.frequency.article_share(b) <= PROXIMITY_COMMON_SHARE) =>
                {
                    // Body only: headlines are short, a pair there is near anyway.
                    let terms = vec![
                        Term::from_field_text(self.fields.body, a),
                        Term::from_field_text(self.fields.body, b),
                    ];
                    let near = phrase_or_term(
                        terms,
                        PROXIMITY_SLOP,
                        IndexRecordOption::WithFreqsAndPositions,
                    );
                    Some((
                        Occur::Should,
                        Box::new(BoostQuery::new(near, PROXIMITY_WEIGHT)) as Box<dyn Query>,
                    ))
                }
                _ => None,
            })
            .collect()
    }

    /// The typed text, or the entities' canonical names, or articles tagged with them
    /// (which also get [`ENTITY_BOOST`]).
    ///
    /// A canonical name that holds every typed term ("Kylian Mbappé" for "Mbappe") matches
    /// no article the typed text does not, so it only adds to the score: articles whose body
    /// has all of its words ("kylian" and "mbappé", in any order: no positions to read, and
    /// nearly always the full name) get their scores, checked on the group's matches alone
    /// ([`BonusQuery`]). (As a phrase over title and body it ranked the same on the
    /// relevance dev set and cost a quarter of some searches' time.)
    ///
    /// A tagged article also scores by the entity's other names as its text writes them
    /// ([`Compiler::alias_bonus`]): "Koln" ranks the story that says "Cologne" eleven times
    /// above the one that says "Koln" once in passing.
    fn entity_group(
        &mut self,
        typed: Box<dyn Query>,
        typed_text: &str,
        named: &[NamedEntity],
        negated: bool,
        notes: &mut Notes,
    ) -> Box<dyn Query> {
        if named.is_empty() {
            return typed;
        }
        let typed_terms = analyze_terms(&mut self.news, typed_text);
        // One entity named by several words ("Manchester United"): an article tagged with
        // it is scored by the words, in any order, without reading the phrase's positions;
        // only untagged articles are checked for the phrase (the first matching clause
        // scores).
        let first_match = named.len() == 1 && typed_terms.len() > 1;
        let mut matching: Vec<Box<dyn Query>> = Vec::new();
        let mut bonus: Vec<Box<dyn Query>> = Vec::new();
        for entity in named {
            let canonical = analyze_terms(&mut self.news, &entity.canonical);
            let tagged: Box<dyn Query> = Box::new(ConstScoreQuery::new(
                self.tagged(&entity.facets),
                ENTITY_BOOST,
            ));
            let mut tag_bonus = Vec::new();
            if first_match {
                tag_bonus.push(self.words_query(&typed_terms, true));
            }
            if !negated {
                tag_bonus.extend(self.alias_bonus(entity, &typed_terms, &canonical, notes));
            }
            if tag_bonus.is_empty() {
                matching.push(tagged);
            } else {
                matching.push(Box::new(BonusQuery::new(tagged, tag_bonus)));
            }
            // The canonical name as text, unless that is what was typed.
            if canonical != typed_terms {
                // Highlighted as a phrase either way.
                let text = self.text(&entity.canonical, 0, false, negated, notes);
                if typed_terms.iter().all(|t| canonical.contains(t)) {
                    bonus.push(self.words_query(&canonical, false));
                } else {
                    matching.push(text);
                }
            }
            if !negated && !notes.boosted.contains(&entity.facets) {
                notes.boosted.push(entity.facets.clone());
            }
        }
        // The typed text after the tag when the first match scores, else first.
        matching.insert(usize::from(first_match), typed);
        let group: Box<dyn Query> = if first_match {
            Box::new(LazyUnionQuery::first_match(matching))
        } else {
            Box::new(LazyUnionQuery::new(matching))
        };
        if bonus.is_empty() {
            return group;
        }
        Box::new(BonusQuery::new(group, bonus))
    }

    /// The entity's other names of one word, as text over title and body (each
    /// highlighted), for articles tagged with it ("Cologne", "Koeln" for "Koln"; "Tottenham",
    /// "THFC" for "Spurs"), at most [`MAX_ALIAS_NAMES`] of them; never a typed word
    /// ("Tottenham" for "Tottenham Hotspur" would score it twice) nor the canonical name.
    /// Names of several words do not score: each would be a phrase whose positions are read
    /// in every tagged article ("Man United" made "Man Utd" 20% slower at 10x), and the
    /// longest ("United States national soccer team") are descriptions no article writes.
    /// They are highlighted, which costs only the hits shown: an article tagged Thomas
    /// Müller that writes "Thomas Mueller" shows that passage for "Müller".
    /// `None` when it has no name of one word.
    fn alias_bonus(
        &mut self,
        entity: &NamedEntity,
        typed: &[String],
        canonical: &[String],
        notes: &mut Notes,
    ) -> Option<Box<dyn Query>> {
        let mut kept: Vec<String> = Vec::new();
        let mut phrases = 0;
        for alias in &entity.aliases {
            match analyze_terms(&mut self.news, alias) {
                terms if terms.len() > 1 => {
                    let new = terms != canonical
                        && !notes.highlight.phrases.iter().any(|(p, _)| *p == terms);
                    if new && phrases < MAX_ALIAS_NAMES {
                        notes.highlight.phrases.push((terms, 0));
                        phrases += 1;
                    }
                }
                mut terms => {
                    if let Some(term) = terms.pop() {
                        if !typed.contains(&term) && canonical != std::slice::from_ref(&term) {
                            kept.push(term);
                        }
                    }
                }
            }
        }
        kept.sort();
        kept.dedup();
        kept.truncate(MAX_ALIAS_NAMES);
        if kept.is_empty() {
            return None;
        }
        let queries = kept
            .into_iter()
            .map(|term| {
                let query = self.terms_query(std::slice::from_ref(&term), 0, false, true);
                notes.highlight.terms.push(term);
                query
            })
            .collect();
        Some(Box::new(LazyUnionQuery::new(queries)))
    }

    /// Notes how an entity filtered on is written, for the snippet: as the filter named it
    /// and by its canonical name (a person by their surname alone, which names them in
    /// full too).
    fn note_filtered(&mut self, kind: &str, typed: &str, facets: &[Facet], notes: &mut Notes) {
        let canonical = facets
            .first()
            .and_then(|f| f.to_path().last().map(|n| n.to_string()));
        for name in canonical.iter().map(String::as_str).chain([typed]) {
            let mut terms = analyze_terms(&mut self.news, name);
            if kind == "person" {
                terms.drain(..terms.len().saturating_sub(1));
            }
            match terms.len() {
                0 => {}
                1 => notes.filtered.terms.append(&mut terms),
                _ if notes.filtered.phrases.iter().any(|(p, _)| *p == terms) => {}
                _ => notes.filtered.phrases.push((terms, 0)),
            }
        }
    }

    /// A better-known near spelling of a typed word of one term, if the index has one.
    /// A capitalised word is likely a name: among equally near spellings the one that names
    /// an entity wins over a more frequent word ("Nemar": Neymar, not "near"), first the one
    /// that names one with the `next` typed word ("Sergy Roberto": Sergi Roberto, not
    /// "Series").
    fn suggestion(&mut self, word: &str, next: Option<&str>) -> Option<Suggestion> {
        let ([term], Some(spelling)) = (&analyze_terms(&mut self.news, word)[..], self.spelling)
        else {
            return None;
        };
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let next = next.filter(|_| capitalised);
        let most = match next {
            Some(_) => PAIR_SPELLINGS,
            None if capitalised => NAME_SPELLINGS,
            None => 1,
        };
        let mut candidates = spelling.candidates(term, word, most);
        if candidates.is_empty() {
            return None;
        }
        // The most frequent spelling, unless it names nothing and another does. That one is
        // looked up by its term: reading how articles write every candidate would cost
        // stored articles each (and the most frequent, read anyway, may be a stemmed name:
        // "mbapp" is written "Mbappé"). Whichever it is, it must be near the typed word as
        // articles write it, not only as a stem ("quintessence" is no "quintet").
        let names = |text: &str| !self.entities.named_by(text, true).is_empty();
        // A candidate as articles write it, offered if near enough.
        let offer = |candidate: &str, keep_original: bool, written: String| {
            near_spelling(word, term, &written).then(|| Suggestion {
                word: written,
                term: candidate.to_owned(),
                keep_original,
            })
        };
        let near = |candidate: &str, keep_original: bool| {
            offer(candidate, keep_original, spelling.written(candidate, word))
        };
        if let Some(next) = next {
            let pair = candidates
                .iter()
                .filter(|(c, _)| names(&format!("{c} {next}")))
                .find_map(|(c, keep)| near(c, *keep));
            if pair.is_some() {
                return pair;
            }
        }
        candidates.truncate(NAME_SPELLINGS);
        let (first, keep_first) = candidates.remove(0);
        let first_word = spelling.written(&first, word);
        if capitalised && !names(&capitalised_like(&first_word, word)) {
            let named = candidates
                .iter()
                .filter(|(c, _)| names(c))
                .find_map(|(c, keep)| near(c, *keep));
            if named.is_some() {
                return named;
            }
        }
        offer(&first, keep_first, first_word)
    }

    /// A typed word: its terms, widened by a near spelling when the index hardly knows it
    /// (`asked`: that spelling, if the caller has asked for it already).
    fn word(
        &mut self,
        word: &str,
        asked: Option<Option<Suggestion>>,
        title_only: bool,
        negated: bool,
        notes: &mut Notes,
    ) -> Box<dyn Query> {
        let suggestion = match asked {
            _ if negated => None,
            Some(suggestion) => suggestion,
            None => self.suggestion(word, None),
        };
        let Some(suggestion) = suggestion else {
            return self.text(word, 0, title_only, negated, notes);
        };
        let to = capitalised_like(&suggestion.word, word);
        notes.corrections.push(Correction {
            from: word.to_owned(),
            to: to.clone(),
            kept: suggestion.keep_original,
        });
        notes.highlight.terms.push(suggestion.term.clone());
        let mut replacement = self.terms_query(&[suggestion.term], 0, title_only, notes.asked_only);
        // The corrected spelling may name an entity ("Plettenburg" -> Plettenberg).
        if !title_only {
            let named = self.entities.named_by(&to, true);
            replacement = self.entity_group(replacement, &to, &named, negated, notes);
        }
        if !suggestion.keep_original {
            return replacement;
        }
        let original = self.text(word, 0, title_only, negated, notes);
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, original),
            (Occur::Should, replacement),
        ]))
    }

    /// Articles tagged with any of these facets (an entity's spellings).
    fn tagged(&self, facets: &[Facet]) -> Box<dyn Query> {
        let term = |facet: &Facet| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_facet(self.fields.entity, facet),
                IndexRecordOption::Basic,
            ))
        };
        match facets {
            [facet] => term(facet),
            _ => Box::new(BooleanQuery::new(
                facets.iter().map(|f| (Occur::Should, term(f))).collect(),
            )),
        }
    }

    /// Articles with all these analysed terms, anywhere in title (boosted) or body (or in the
    /// body alone), in any order, scored as the words.
    fn words_query(&self, terms: &[String], with_title: bool) -> Box<dyn Query> {
        let word = |term: &String| -> Box<dyn Query> {
            let in_field = |field| -> Box<dyn Query> {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                ))
            };
            if !with_title {
                return in_field(self.fields.body);
            }
            // Asked one article at a time, never iterated: a lazy union (tantivy's would
            // score 4,096 articles around each one asked).
            Box::new(LazyUnionQuery::new(vec![
                Box::new(BoostQuery::new(in_field(self.fields.title), TITLE_BOOST)),
                in_field(self.fields.body),
            ]))
        };
        Box::new(BooleanQuery::new(
            terms.iter().map(|term| (Occur::Must, word(term))).collect(),
        ))
    }

    /// A word or phrase over title (boosted) and body, or the title alone.
    fn text(
        &mut self,
        text: &str,
        slop: u32,
        title_only: bool,
        negated: bool,
        notes: &mut Notes,
    ) -> Box<dyn Query> {
        let terms = analyze_terms(&mut self.news, text);
        if terms.is_empty() {
            return Box::new(EmptyQuery);
        }
        if !negated {
            if terms.len() == 1 {
                notes.highlight.terms.push(terms[0].clone());
            } else if !notes
                .highlight
                .phrases
                .iter()
                .any(|(p, s)| *p == terms && *s == slop)
            {
                notes.highlight.phrases.push((terms.clone(), slop));
            }
        }
        self.terms_query(&terms, slop, title_only, notes.asked_only)
    }

    /// Analysed terms (one term, or a phrase) over title (boosted) and body, or the title;
    /// `asked_only`: a lazy union even for one term (see [`Notes::asked_only`]).
    fn terms_query(
        &self,
        terms: &[String],
        slop: u32,
        title_only: bool,
        asked_only: bool,
    ) -> Box<dyn Query> {
        let in_field = |field| {
            let field_terms = terms
                .iter()
                .map(|t| Term::from_field_text(field, t))
                .collect();
            phrase_or_term(field_terms, slop, IndexRecordOption::WithFreqsAndPositions)
        };
        let title: Box<dyn Query> =
            Box::new(BoostQuery::new(in_field(self.fields.title), TITLE_BOOST));
        if title_only {
            return title;
        }
        let body = in_field(self.fields.body);
        if terms.len() > 1 || asked_only {
            // Phrases, and words that will only be asked about articles: checked only where
            // asked (see `LazyUnionQuery`).
            return Box::new(LazyUnionQuery::new(vec![title, body]));
        }
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, title),
            (Occur::Should, body),
        ]))
    }

    fn date_range(&self, range: DateRange) -> Box<dyn Query> {
        let day_start = |(y, m, d): (i32, u8, u8)| {
            crate::corpus::Date::from_ymd(y, m, d).map(|date| date.unix_seconds())
        };
        let term = |secs: i64| {
            Term::from_field_date(self.fields.date, DateTime::from_timestamp_secs(secs))
        };
        let lower = match range.start.and_then(day_start) {
            Some(secs) => Bound::Included(term(secs)),
            None => Bound::Unbounded,
        };
        let upper = match range.end.and_then(day_start) {
            Some(secs) => Bound::Excluded(term(secs + 86_400)),
            None => Bound::Unbounded,
        };
        Box::new(RangeQuery::new(lower, upper))
    }
}

/// A word as articles write it, with the typed word's initial capital ("Szobozslai" ->
/// "Szoboszlai"), or in lower case when the typed word is ("mbape" -> "mbappé").
fn capitalised_like(word: &str, typed: &str) -> String {
    if typed.starts_with(char::is_uppercase) {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    } else {
        word.to_lowercase()
    }
}

/// Required and excluded clauses ANDed, scored with the optional ones (proximity pairs) that
/// also match: a query of exclusions alone matches every other article.
fn conjunction(clauses: Vec<Clause>) -> Box<dyn Query> {
    let (optional, mut rest): (Vec<Clause>, Vec<Clause>) = clauses
        .into_iter()
        .partition(|(occur, _)| *occur == Occur::Should);
    if !rest.iter().any(|(occur, _)| *occur == Occur::Must) {
        rest.push((Occur::Must, Box::new(AllQuery)));
    }
    let required: Box<dyn Query> = if rest.len() == 1 && rest[0].0 == Occur::Must {
        rest.remove(0).1
    } else {
        Box::new(BooleanQuery::new(rest))
    };
    if optional.is_empty() {
        return required;
    }
    Box::new(BonusQuery::new(
        required,
        optional.into_iter().map(|(_, query)| query).collect(),
    ))
}

/// A filter clause: matches like the inner query but adds nothing to the score.
fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn phrase_or_term(mut terms: Vec<Term>, slop: u32, option: IndexRecordOption) -> Box<dyn Query> {
    match terms.len() {
        0 => Box::new(EmptyQuery),
        1 => Box::new(TermQuery::new(terms.remove(0), option)),
        _ => {
            let mut phrase = PhraseQuery::new(terms);
            phrase.set_slop(slop);
            Box::new(phrase)
        }
    }
}

/// How many words fewer than all a relaxed query asks for, one step at a time, before it
/// asks for any one ([`relax`]).
const RELAXED_STEPS: usize = 3;

/// A query relaxed to match articles with only some of its words ([`relax`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Relaxed {
    /// The relaxed query.
    pub node: Node,
    /// How many of the words an article must match.
    pub min: usize,
    /// How many words (and phrases) the query has.
    pub words: usize,
}

/// The relaxed forms of a query whose top level is an AND of several words or phrases,
/// most demanding first: all words but one, then all but two, all but three
/// ([`RELAXED_STEPS`]), then any one. Filters and exclusions stay required. Searched in
/// turn until one matches, they put the articles with the most of the words first ("Anton
/// Stuttgart Plettenberg": those with Anton and Stuttgart, not the hundreds with Stuttgart
/// alone); a long pasted headline costs at most five searches. Empty when relaxing changes
/// nothing.
pub fn relax(node: &Node) -> Vec<Relaxed> {
    let Node::And(children) = node else {
        return Vec::new();
    };
    let (text, rest): (Vec<&Node>, Vec<&Node>) = children
        .iter()
        .partition(|c| matches!(c, Node::Word(_) | Node::Phrase { .. } | Node::Title(_)));
    let words = text.len();
    let text: Vec<Node> = text.into_iter().cloned().collect();
    let steps = (1..words).rev().take(RELAXED_STEPS);
    let any = (words > RELAXED_STEPS + 1).then_some(1);
    steps
        .chain(any)
        .map(|min| {
            let mut relaxed = vec![Node::AtLeast {
                min,
                children: text.clone(),
            }];
            relaxed.extend(rest.iter().map(|&node| node.clone()));
            let node = if relaxed.len() == 1 {
                relaxed.remove(0)
            } else {
                Node::And(relaxed)
            };
            Relaxed { node, min, words }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::analyzer::{keyword_analyzer, news_analyzer};
    use crate::index::schema::build_schema;
    use crate::search::query::parse_query;

    struct NoEntities;

    impl EntityResolver for NoEntities {
        fn resolve(&self, kind: &str, name: &str) -> Result<Vec<Facet>, String> {
            Err(format!("no {kind} {name}"))
        }

        fn named_by(&self, _: &str, _: bool) -> Vec<NamedEntity> {
            Vec::new()
        }
    }

    /// "for" and "the" are in nearly every article, other words in few.
    struct Shares;

    impl Frequency for Shares {
        fn article_share(&self, term: &str) -> f64 {
            if ["for", "the"].contains(&term) {
                0.9
            } else {
                0.01
            }
        }
    }

    fn compiled(query: &str) -> String {
        compiled_with(query, &NoEntities).0
    }

    /// The compiled query (as its debug text) and the terms it highlights.
    fn compiled_with(query: &str, entities: &dyn EntityResolver) -> (String, Vec<String>) {
        let (_, fields) = build_schema();
        let mut compiler = Compiler {
            fields: &fields,
            news: news_analyzer(),
            keyword: keyword_analyzer(),
            entities,
            spelling: None,
            frequency: &Shares,
        };
        let node = parse_query(query).ok().flatten();
        let compiled = compiler.compile(node.as_ref()).expect("compiles");
        (format!("{:?}", compiled.query), compiled.highlight.terms)
    }

    /// Tottenham Hotspur, named by "Spurs" or its canonical name, with these aliases.
    struct Spurs(&'static [&'static str]);

    /// Tottenham Hotspur's aliases in the gazetteer.
    const SPURS_ALIASES: &[&str] = &["spurs", "thfc", "tottenham", "tottenham hotspur fc"];

    impl EntityResolver for Spurs {
        fn resolve(&self, kind: &str, name: &str) -> Result<Vec<Facet>, String> {
            Err(format!("no {kind} {name}"))
        }

        fn named_by(&self, text: &str, _: bool) -> Vec<NamedEntity> {
            if !["spurs", "tottenham hotspur"].contains(&text.to_lowercase().as_str()) {
                return Vec::new();
            }
            vec![NamedEntity {
                facets: vec![Facet::from("/club/Tottenham Hotspur")],
                canonical: "Tottenham Hotspur".to_owned(),
                aliases: self.0.iter().map(|a| a.to_string()).collect(),
            }]
        }
    }

    #[test]
    fn relaxing_asks_for_fewer_words_step_by_step_then_any_one() {
        let relaxed = |query: &str| {
            let node = parse_query(query).expect("parses").expect("a query");
            relax(&node)
                .into_iter()
                .map(|r| (r.min, r.words))
                .collect::<Vec<_>>()
        };
        assert_eq!(relaxed("a b c"), [(2, 3), (1, 3)]);
        assert_eq!(relaxed("a b c d e"), [(4, 5), (3, 5), (2, 5), (1, 5)]);
        // A pasted headline: three steps, then any one word.
        assert_eq!(relaxed("a b c d e f g h"), [(7, 8), (6, 8), (5, 8), (1, 8)]);
        // Filters and exclusions stay required; one word has nothing to relax.
        let node = parse_query("a b -c club:x")
            .expect("parses")
            .expect("a query");
        let Node::And(parts) = &relax(&node)[0].node else {
            panic!("an AND");
        };
        assert!(matches!(
            parts[..],
            [
                Node::AtLeast { min: 1, .. },
                Node::Not(_),
                Node::Entity { .. }
            ]
        ));
        assert!(relaxed("a -b").is_empty());
    }

    #[test]
    fn tagged_articles_score_by_the_entitys_other_one_word_names_but_never_a_typed_word() {
        let (query, highlighted) = compiled_with("Spurs", &Spurs(SPURS_ALIASES));
        for alias in ["\"tottenham\"", "\"thfc\""] {
            assert!(query.contains(alias), "{alias} in {query}");
        }
        assert!(highlighted.contains(&"thfc".to_owned()), "{highlighted:?}");
        // Several words are no alias bonus (a phrase in every tagged article).
        assert!(!query.contains("\"fc\""), "{query}");
        // Typed, "tottenham" scores as typed only: no more often than with no aliases.
        let (query, _) = compiled_with("Tottenham Hotspur", &Spurs(SPURS_ALIASES));
        assert!(query.contains("\"spur\""), "{query}");
        assert!(query.contains("\"thfc\""), "{query}");
        let (plain, _) = compiled_with("Tottenham Hotspur", &Spurs(&[]));
        assert!(!plain.contains("\"thfc\""), "{plain}");
        assert_eq!(
            query.matches("\"tottenham\"").count(),
            plain.matches("\"tottenham\"").count(),
            "{query}"
        );
    }

    #[test]
    fn proximity_bonus_for_pairs_unless_both_words_are_common() {
        let near = format!("slop: {PROXIMITY_SLOP}");
        assert!(compiled("new contract").contains(&near));
        assert!(compiled("contract for").contains(&near));
        assert!(!compiled("for the").contains(&near));
        assert!(!compiled("contract").contains(&near));
    }
}
