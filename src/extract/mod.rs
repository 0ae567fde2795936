//! The `extract` stage: an [`Article`] -> the [`Entities`] it names and its duplicate
//! signature ([`Extracted`]).
//!
//! Clubs, people and competitions, each under one canonical name. The text is split into
//! folded word tokens once ([`trie::Tokens`]); the gazetteer automaton, the name rules and
//! the SimHash all read those tokens.

pub mod fold;
pub mod gazetteer;
mod recognize;
pub mod signature;
pub mod trie;
pub mod words;

use crate::corpus::Article;
use serde::{Deserialize, Serialize};

/// One list per entity kind: clubs, people, competitions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ByKind<T> {
    /// Football clubs and national teams.
    pub club: Vec<T>,
    /// Players, managers, agents, journalists and other people.
    pub person: Vec<T>,
    /// Leagues, cups and tournaments.
    pub competition: Vec<T>,
}

impl<T> Default for ByKind<T> {
    fn default() -> Self {
        ByKind {
            club: Vec::new(),
            person: Vec::new(),
            competition: Vec::new(),
        }
    }
}

impl<T> ByKind<T> {
    /// The list of one kind.
    pub fn of_kind(&self, kind: EntityKind) -> &[T] {
        match kind {
            EntityKind::Club => &self.club,
            EntityKind::Person => &self.person,
            EntityKind::Competition => &self.competition,
        }
    }

    /// Mutable access to the list of one kind.
    pub fn of_kind_mut(&mut self, kind: EntityKind) -> &mut Vec<T> {
        match kind {
            EntityKind::Club => &mut self.club,
            EntityKind::Person => &mut self.person,
            EntityKind::Competition => &mut self.competition,
        }
    }
}

/// The clubs, people and competitions an article is about, by canonical name, sorted.
pub type Entities = ByKind<String>;

/// The kind of a named entity; also the first segment of its facet path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A club or national team.
    Club,
    /// A person.
    Person,
    /// A league, cup or tournament.
    Competition,
}

impl EntityKind {
    /// All kinds, in display order.
    pub const ALL: [EntityKind; 3] = [
        EntityKind::Club,
        EntityKind::Person,
        EntityKind::Competition,
    ];

    /// The kind's name as used in facets, flags and JSON (`club`, `person`, `competition`).
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Club => "club",
            EntityKind::Person => "person",
            EntityKind::Competition => "competition",
        }
    }

    /// Parses a kind name as written by [`EntityKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        EntityKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl Entities {
    /// Every (kind, name) pair.
    pub fn iter(&self) -> impl Iterator<Item = (EntityKind, &str)> {
        EntityKind::ALL
            .into_iter()
            .flat_map(move |kind| self.of_kind(kind).iter().map(move |n| (kind, n.as_str())))
    }

    /// True when no entity of any kind was found.
    pub fn is_empty(&self) -> bool {
        self.club.is_empty() && self.person.is_empty() && self.competition.is_empty()
    }
}

/// What the extract stage finds in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The entities it names (empty when recognition is off).
    pub entities: Entities,
    /// The SimHash of its body's words ([`signature::simhash`]), to collapse copies.
    pub simhash: u64,
}

/// Splits an article (headline and body) into tokens once and derives from them its
/// duplicate signature and, when `recognise_entities`, its entities (with the shipped
/// gazetteer).
pub fn analyse(article: &Article, recognise_entities: bool) -> Extracted {
    let (text, body_start) = article_text(article);
    let tokens = trie::Tokens::of(&text);
    let entities = if recognise_entities {
        recognize::recognize(gazetteer::gazetteer(), &text, &tokens)
    } else {
        Entities::default()
    };
    Extracted {
        entities,
        simhash: signature::simhash_from(&tokens, body_start),
    }
}

/// An article's text as recognition reads it: headline, a blank line, body; and where the
/// body starts.
fn article_text(article: &Article) -> (String, usize) {
    let mut text = String::with_capacity(article.title.len() + article.body.len() + 2);
    text.push_str(&article.title);
    text.push_str("\n\n");
    let body_start = text.len();
    text.push_str(&article.body);
    (text, body_start)
}

/// [`analyse`] without entities, plus the steps every recognition takes before its rules
/// (the gazetteer's matches and the words the rules read): the floor of what extraction
/// can cost, measured by the `entity_dump` benchmark. Returns the SimHash and the number
/// of matches and words, for the benchmark to keep.
#[doc(hidden)]
pub fn scan_floor(article: &Article) -> (u64, usize, usize) {
    let (text, body_start) = article_text(article);
    let tokens = trie::Tokens::of(&text);
    let (matches, words) = recognize::scan(gazetteer::gazetteer(), &text, &tokens);
    (signature::simhash_from(&tokens, body_start), matches, words)
}

/// Finds the entities an article names (headline and body), with the shipped gazetteer.
pub fn extract(article: &Article) -> Entities {
    analyse(article, true).entities
}
