//! Entity recognition in one article: gazetteer matches, unknown people from capitalised
//! name sequences, and surnames resolved to full names.
//!
//! 1. The folded text is scanned once by the gazetteer automaton (leftmost-longest); a match
//!    counts only on word boundaries and when the original is capitalised like a name
//!    ("Reds", not "reds"). Strong aliases name their entity; an alias shared by several
//!    entities is decided by what else the article names; weak aliases ("the Reds") only
//!    count for entities the article also names strongly. A country's name counts as its
//!    national team when the article is about international football or football words
//!    stand next to it ("England manager", "against Spain", "France's Kylian Mbappé").
//!    A cricket or rugby story keeps only its people: its "England" and "World Cup" are
//!    that sport's.
//! 2. Runs of capitalised words outside those matches are people when they start with a
//!    known first name ("Florian Plettenberg"), follow a role word or an age ("defender Luke
//!    Chambers", "22-year-old Mahsa Amini"), end in a surname the article uses alone again,
//!    continue a list of people ("Chloe Logarzo, Elise Kellond-Knight and ...") or follow a
//!    national team's possessive ("France's Marie-Antoinette Katoto"); runs holding months,
//!    places, outlets, organisation words or demonyms are not, nor is a sentence-initial
//!    role word ("Goalkeeper Cata Coll") or an abbreviated surname ("Daniel O"). An adjective
//!    ending is cut ("Le Tissier-esque"); a run that ends a longer name found anywhere in the
//!    article is that person ("Al Fayed" ... "Mohamed Al Fayed"); one that starts with a
//!    capitalised particle is a surname alone ("Van Dijk"), the known person of that surname
//!    at a club the article names, or no one.
//! 3. A lone surname ("Anton", "Alonso's") resolves to the full name used in the article,
//!    to the one known person of that surname whose club the article names, or to the only
//!    known person of a distinctive surname written capitalised mid-sentence: not after
//!    "the" ("at the Bridge" is a ground) or a place's word ("Stamford Bridge"), and no word
//!    of a club's name ("Melbourne"). Never a word that is no name ("in March", "Villa
//!    Park"), nor an ordinary word opening a sentence ("Given how ...", "Can they ...?").

use super::fold::{fold, fold_into};
use super::gazetteer::{
    formal_forenames, surname_key_hashes, Gazetteer, Pattern, WordClasses, PARTICLES,
    SURNAME_ARTICLES,
};
use super::trie::{word_hash, Tokens};
use super::{Entities, EntityKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;

/// Context value of national teams in the gazetteer.
const NATIONAL_TEAM: &str = "national team";
/// Context value of international competitions in the gazetteer.
const INTERNATIONAL: &str = "international";

/// A word of the original text: one token, or tokens glued by hyphens or apostrophes
/// ("Jean-Clair", "O'Neill"), without a possessive `'s`.
#[derive(Debug, Clone)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// Sentence-initial (first word of the text, or after `.`, `!`, `?`, `:`, a quote or a
    /// line break).
    sentence_start: bool,
    /// Only spaces (no punctuation, no line break) separate it from the previous word.
    joined: bool,
    /// Ends in a possessive `'s`.
    possessive: bool,
    /// Made of several tokens glued by hyphens or apostrophes ("Jean-Clair", "O'Neill").
    glued: bool,
    /// Starts with an upper-case letter or a digit.
    capitalised: bool,
    /// Folded form (lower-case, accents removed).
    folded: &'a str,
    /// [`word_hash`] of the folded form.
    hash: u64,
    /// Inside a gazetteer match that was accepted.
    inside: bool,
    /// What the word is ([`class`] bits), looked up once.
    class: u16,
}

impl Word<'_> {
    /// True when the word is of any of the `classes` ([`class`] bits).
    fn is(&self, classes: u16) -> bool {
        self.class & classes != 0
    }

    /// True when the word is a name particle written as one ("van", not "Van").
    fn is_particle(&self) -> bool {
        self.is(class::PARTICLE) && self.text == self.folded
    }
}

/// What a folded word is to the rules, as bits looked up once by its hash: the word lists
/// below (for every word kept) and the gazetteer's names (first names, surnames, aliases:
/// only asked of capitalised words). An integer key replaces a dozen string-keyed set
/// lookups per capitalised word.
mod class {
    /// Never part of a person's name ([`super::NOT_NAME_WORDS`]).
    pub const NOT_NAME: u16 = 1;
    /// Introduces a person's name ([`super::ROLE_WORDS`]).
    pub const ROLE: u16 = 1 << 1;
    /// A sentence-initial word that is not a name ([`super::COMMON_WORDS`]).
    pub const COMMON: u16 = 1 << 2;
    /// A name particle ([`super::PARTICLES`]).
    pub const PARTICLE: u16 = 1 << 3;
    /// Starts surnames and club names, not first names ([`super::PLACE_ARTICLES`] and
    /// [`super::SURNAME_ARTICLES`]).
    pub const NAME_ARTICLE: u16 = 1 << 4;
    /// After a country, makes it the national team ([`super::TEAM_WORDS_AFTER`]).
    pub const TEAM_AFTER: u16 = 1 << 5;
    /// Before a country, makes it the national team ([`super::TEAM_WORDS_BEFORE`]).
    pub const TEAM_BEFORE: u16 = 1 << 6;
    /// Before a country, makes it a place ([`super::PLACE_WORDS_BEFORE`]).
    pub const PLACE_BEFORE: u16 = 1 << 7;
    /// A known first name.
    pub const FIRST_NAME: u16 = 1 << 8;
    /// A known person's surname key.
    pub const SURNAME: u16 = 1 << 9;
    /// A folded canonical name or alias of a known entity.
    pub const ALIAS: u16 = 1 << 10;
    /// A title before a name ([`super::HONORIFICS`]).
    pub const HONORIFIC: u16 = 1 << 11;
    /// A Title Case headline's verb or function word: ends a name
    /// ([`super::NAME_END_WORDS`]).
    pub const NAME_END: u16 = 1 << 12;
    /// A demonym that is also a surname ("French"): no third word of a name
    /// ([`super::DEMONYM_SURNAMES`]).
    pub const DEMONYM_SURNAME: u16 = 1 << 13;
    /// A stadium before its namesake's name ([`super::VENUE_WORDS`]).
    pub const VENUE: u16 = 1 << 14;
    /// A word of a club's or competition's name or alias ("Melbourne", "Washington",
    /// "Copa"): as a lone surname, more likely that than a person.
    pub const CLUB_WORD: u16 = 1 << 15;
}

/// The word classes of a gazetteer's words and of the rules' word lists, built once.
fn word_classes(gazetteer: &Gazetteer) -> &WordClasses {
    gazetteer.word_classes.get_or_init(|| {
        static TABLES_BUILT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut classes = WordClasses {
            id: TABLES_BUILT.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
            ..WordClasses::default()
        };
        let add = |table: &mut HashMap<u64, u16>, words: &mut dyn Iterator<Item = &str>, bit| {
            for word in words {
                *table.entry(word_hash(word)).or_default() |= bit;
            }
        };
        let lists = &mut classes.lists;
        add(lists, &mut NOT_NAME_WORDS.iter().copied(), class::NOT_NAME);
        add(lists, &mut ROLE_WORDS.iter().copied(), class::ROLE);
        add(lists, &mut COMMON_WORDS.iter().copied(), class::COMMON);
        add(lists, &mut PARTICLES.iter().copied(), class::PARTICLE);
        add(
            lists,
            &mut PLACE_ARTICLES.iter().chain(&SURNAME_ARTICLES).copied(),
            class::NAME_ARTICLE,
        );
        add(lists, &mut HONORIFICS.iter().copied(), class::HONORIFIC);
        add(lists, &mut NAME_END_WORDS.iter().copied(), class::NAME_END);
        add(
            lists,
            &mut DEMONYM_SURNAMES.iter().copied(),
            class::DEMONYM_SURNAME,
        );
        add(lists, &mut VENUE_WORDS.iter().copied(), class::VENUE);
        add(
            lists,
            &mut TEAM_WORDS_AFTER.iter().copied(),
            class::TEAM_AFTER,
        );
        add(
            lists,
            &mut TEAM_WORDS_BEFORE.iter().copied(),
            class::TEAM_BEFORE,
        );
        add(
            lists,
            &mut PLACE_WORDS_BEFORE.iter().copied(),
            class::PLACE_BEFORE,
        );
        let names = &mut classes.names;
        let first_names = &mut gazetteer.first_names.iter().map(String::as_str);
        add(names, first_names, class::FIRST_NAME);
        add(
            names,
            &mut gazetteer.surnames.keys().map(String::as_str),
            class::SURNAME,
        );
        add(
            names,
            &mut gazetteer.by_alias.keys().map(String::as_str),
            class::ALIAS,
        );
        let of_clubs_or_competitions = gazetteer.by_alias.iter().filter(|(_, targets)| {
            targets
                .iter()
                .any(|t| gazetteer.facts(t.entry).kind != EntityKind::Person)
        });
        add(
            names,
            &mut of_clubs_or_competitions.flat_map(|(alias, _)| alias.split(' ')),
            class::CLUB_WORD,
        );
        // Capitalised words are looked up in `names` only: it holds the lists' classes too.
        for (&hash, &bits) in &classes.lists {
            *classes.names.entry(hash).or_default() |= bits;
        }
        classes
    })
}

fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Groups tokens into words, keeping only the words a rule may look at: those with an
/// anchor token (capitalised, or "the": where an alias match may start) and one word either
/// side of those (no rule looks further). Most words of a text are none of these, and only
/// the anchors are visited. A word after a dropped stretch is not `joined`, so no run of
/// names bridges the gap.
fn words<'a>(gazetteer: &Gazetteer, text: &'a str, tokens: &'a Tokens) -> Vec<Word<'a>> {
    let list = &tokens.tokens;
    let classes = word_classes(gazetteer);
    // The first and the last token of the word holding token `t`.
    let first_of = |mut t: usize| {
        while t > 0 && list[t].glued {
            t -= 1;
        }
        t
    };
    let last_of = |mut t: usize| {
        while t + 1 < list.len() && list[t + 1].glued {
            t += 1;
        }
        t
    };
    let mut out = Vec::with_capacity(tokens.anchors.len() * 3);
    let mut recent_names = RECENT_NAMES.take();
    recent_names.ensure_for(classes);
    // The first token not yet grouped into a kept word.
    let mut next_free = 0usize;
    for &anchor in &tokens.anchors {
        let anchor = anchor as usize;
        // A number starts aliases ("1. FC Köln") but no rule looks around one.
        if text.as_bytes()[list[anchor].start].is_ascii_digit() {
            continue;
        }
        let first = first_of(anchor);
        let from = if first > 0 {
            first_of(first - 1)
        } else {
            first
        };
        let anchor_last = last_of(anchor);
        let until = if anchor_last + 1 < list.len() {
            last_of(anchor_last + 1)
        } else {
            anchor_last
        };
        let mut i = from.max(next_free);
        while i <= until {
            let after_gap = i > next_free;
            let next = last_of(i) + 1;
            let mut last = next - 1;
            let mut possessive = false;
            if last > i && tokens.word(last) == "s" {
                // The separator kept before the "s" in the folded buffer: an apostrophe.
                let sep_start = list[last - 1].folded.1 as usize;
                if tokens.folded[sep_start..].starts_with('\'') {
                    possessive = true;
                    last -= 1;
                }
            }
            let first = &list[i];
            let folded = tokens.span(i, last);
            let hash = if i == last {
                first.hash
            } else {
                word_hash(folded)
            };
            out.push(Word {
                text: &text[first.start..list[last].end],
                start: first.start,
                end: list[last].end,
                sentence_start: first.sentence_start,
                joined: first.spaced && !after_gap,
                possessive,
                glued: last > i,
                capitalised: first.capitalised,
                folded,
                hash,
                inside: false,
                class: if first.capitalised {
                    recent_names.class(hash, &classes.names)
                } else {
                    classes.lists.get(&hash).copied().unwrap_or(0)
                },
            });
            next_free = next;
            i = next;
        }
    }
    RECENT_NAMES.set(recent_names);
    out
}

thread_local! {
    /// Each thread's [`RecentNames`].
    static RECENT_NAMES: std::cell::RefCell<RecentNames> = std::cell::RefCell::default();
}

/// A direct-mapped copy of the name classes of the capitalised words met most recently:
/// the names table is megabytes, a lookup there mostly waits for memory, and articles keep
/// naming the same few thousand words ("The", "He", "Liverpool", "Premier").
#[derive(Default)]
struct RecentNames {
    /// (word hash, classes) by slot; hash 0 marks an empty slot.
    slots: Vec<(u64, u16)>,
    /// The [`WordClasses::id`] of the table the slots copy from, so that another
    /// gazetteer's words (in tests) are never answered from this one's.
    table: u64,
}

/// Slots of [`RecentNames`] (a power of two).
const RECENT_NAME_SLOTS: usize = 8192;

impl RecentNames {
    /// Empties the copy unless it was made from `classes`.
    fn ensure_for(&mut self, classes: &WordClasses) {
        if self.table != classes.id || self.slots.is_empty() {
            self.slots = vec![(0, 0); RECENT_NAME_SLOTS];
            self.table = classes.id;
        }
    }

    /// The name classes of a capitalised word, by its hash.
    #[inline]
    fn class(&mut self, hash: u64, names: &HashMap<u64, u16>) -> u16 {
        let slot = (hash >> 40) as usize & (RECENT_NAME_SLOTS - 1);
        let (key, class) = self.slots[slot];
        if key == hash && hash != 0 {
            return class;
        }
        let class = names.get(&hash).copied().unwrap_or(0);
        self.slots[slot] = (hash, class);
        class
    }
}

/// True when the original text of an alias match is written like a name.
fn looks_like_name(original: &str, acronym: bool) -> bool {
    if acronym {
        return original
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    }
    let mut parts = original.split_whitespace();
    let Some(mut first) = parts.next() else {
        return false;
    };
    let mut last = first;
    let mut rest = parts.peekable();
    if first.eq_ignore_ascii_case("the") {
        match rest.next() {
            Some(next) => {
                first = next;
                last = next;
            }
            None => return false,
        }
    }
    for part in rest {
        last = part;
    }
    is_capitalised(first) && (is_capitalised(last) || is_article_name(last))
}

/// True for a surname written with a lower-case Arabic article: "al-Dawsari", "el-Hadary".
fn is_article_name(word: &str) -> bool {
    ["al-", "el-"]
        .iter()
        .any(|a| word.starts_with(a) && is_capitalised(&word[a.len()..]))
}

/// One accepted-or-not gazetteer match in the original text.
struct AliasMatch<'g> {
    start: usize,
    end: usize,
    pattern: &'g Pattern,
    /// The pattern's id in the gazetteer.
    pattern_id: u32,
}

/// Gazetteer matches written like names, leftmost-longest, on word boundaries.
fn alias_matches<'g>(gazetteer: &'g Gazetteer, text: &str, tokens: &Tokens) -> Vec<AliasMatch<'g>> {
    let mut matches = Vec::new();
    // Tokens before this one lie inside an accepted match.
    let mut next = 0;
    // A match written like a name starts with a capital, a digit or "the": an anchor.
    for &i in &tokens.anchors {
        let i = i as usize;
        if i < next {
            continue;
        }
        if let Some((end, pattern_id)) = gazetteer.trie.longest_at(tokens, i) {
            let (start, end_byte) = (tokens.tokens[i].start, tokens.tokens[end - 1].end);
            let pattern = &gazetteer.patterns[pattern_id as usize];
            // One token, not an acronym: written like a name when capitalised (the common
            // case, without splitting the text); "the" alone is no name.
            let like_name = if end == i + 1 && !pattern.acronym {
                tokens.tokens[i].capitalised && tokens.word(i) != "the"
            } else {
                looks_like_name(&text[start..end_byte], pattern.acronym)
            };
            if like_name {
                matches.push(AliasMatch {
                    start,
                    end: end_byte,
                    pattern,
                    pattern_id,
                });
                next = end;
            }
        }
    }
    matches
}

/// What recognition does before any rule: the gazetteer's matches at the anchor words and
/// the words the rules read, counted. The least any recognition costs; for the
/// `entity_dump` benchmark ([`super::scan_floor`]).
pub fn scan(gazetteer: &Gazetteer, text: &str, tokens: &Tokens) -> (usize, usize) {
    (
        alias_matches(gazetteer, text, tokens).len(),
        words(gazetteer, text, tokens).len(),
    )
}

/// Recognises the entities of one article text (headline, a line break, then the body),
/// given its [`Tokens`].
pub fn recognize(gazetteer: &Gazetteer, text: &str, tokens: &Tokens) -> Entities {
    let matches = alias_matches(gazetteer, text, tokens);
    let mut words = words(gazetteer, text, tokens);
    // Where the headline (the text's first line) ends, if the text has a body.
    let headline = text.find('\n');
    let mut matches = matches;
    // Matches and words are both in text order: `k` walks the words beside the matches.
    // Contexts are compared as interned names (`u32::MAX`: no entry has that context).
    let national_team = gazetteer.name_id(NATIONAL_TEAM).unwrap_or(u32::MAX);
    let mut k = 0;
    matches.retain(|m| {
        while k < words.len() && words[k].start < m.start {
            k += 1;
        }
        let full_club_name = || {
            m.pattern
                .targets
                .iter()
                .any(|t| names_club_in_full(gazetteer, text, m, t.entry, national_team))
        };
        !in_persons_name(text, tokens, &words, k, m, headline, &full_club_name)
    });

    // 1. Strong aliases, then ambiguous ones by context, then weak ones and national teams.
    let international_context = gazetteer.name_id(INTERNATIONAL).unwrap_or(u32::MAX);
    let mut accepted: BTreeSet<u32> = BTreeSet::new();
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    // Where accepted person and national-team matches end (byte offsets), for the list and
    // possessive rules of step 2.
    let mut person_ends: Vec<usize> = Vec::new();
    let mut team_ends: Vec<usize> = Vec::new();
    // Competitions named by a name a women's competition shares ("World Cup": with the
    // women's one), and those also named otherwise ("Euro 2024").
    let mut generic_names: Vec<(u32, u32)> = Vec::new();
    let mut named_otherwise: Vec<u32> = Vec::new();
    let mut note_match = |entry: u32, m: &AliasMatch<'_>| {
        let facts = gazetteer.facts(entry);
        if facts.kind == EntityKind::Person {
            person_ends.push(m.end);
        } else if facts.context == national_team {
            team_ends.push(m.end);
        } else if facts.kind == EntityKind::Competition {
            match gazetteer.womens_counterparts.get(&m.pattern_id) {
                Some(&(generic, womens)) if generic == entry => generic_names.push((entry, womens)),
                _ => named_otherwise.push(entry),
            }
        }
    };
    let mut undecided: Vec<&AliasMatch<'_>> = Vec::new();
    // Clubs named as the place they are named after ("in Marseille", "in Cardiff"): theirs
    // only if the article names them otherwise too. Not a club's full name ("in Arsenal",
    // "in Liverpool" may well be the club).
    let mut place_uses: Vec<(&AliasMatch<'_>, u32)> = Vec::new();
    for m in &matches {
        let mut strong = m.pattern.targets.iter().filter(|t| t.strong);
        match (strong.next(), strong.next()) {
            (Some(only), None)
                if gazetteer.facts(only.entry).kind == EntityKind::Club
                    && gazetteer.facts(only.entry).context != national_team
                    && is_place_use(&words, m)
                    && !names_club_in_full(gazetteer, text, m, only.entry, national_team) =>
            {
                place_uses.push((m, only.entry));
            }
            (Some(only), None) => {
                accepted.insert(only.entry);
                consumed.push((m.start, m.end));
                note_match(only.entry, m);
            }
            _ => undecided.push(m),
        }
    }
    let international = accepted.iter().any(|id| {
        let facts = gazetteer.facts(*id);
        facts.kind == EntityKind::Competition && facts.context == international_context
    });
    // The canonical names named so far, interned.
    let mut named: HashSet<u32> = accepted
        .iter()
        .map(|id| gazetteer.facts(*id).canonical)
        .collect();
    // The clubs (interned) of the known people named, with how many each; the countries of
    // the competitions named.
    let mut people_of: HashMap<u32, usize> = HashMap::default();
    let mut league_countries: HashSet<u32> = HashSet::default();
    for facts in accepted.iter().map(|id| gazetteer.facts(*id)) {
        match facts.kind {
            EntityKind::Person => *people_of.entry(facts.context).or_default() += 1,
            EntityKind::Competition => {
                league_countries.insert(facts.context);
            }
            EntityKind::Club => {}
        }
    }
    // The club most of the known people named play for, if at least two do and no other
    // club has as many.
    let club_of_the_people = {
        let most = people_of.values().copied().max().unwrap_or(0);
        let mut top = people_of.iter().filter(|&(_, &n)| n == most && n >= 2);
        match (top.next(), top.next()) {
            (Some((&club, _)), None) => Some(club),
            _ => None,
        }
    };
    // The countries of the clubs named: a competition's nickname ("the Championship") is
    // that competition where the article names a club of its country.
    // Welsh clubs (Cardiff, Swansea, Wrexham) play in the English leagues.
    let (wales, england) = (gazetteer.name_id("Wales"), gazetteer.name_id("England"));
    let club_countries: Vec<u32> = accepted
        .iter()
        .map(|id| gazetteer.facts(*id))
        .filter(|f| f.kind == EntityKind::Club && f.context != national_team)
        .map(|f| match england {
            Some(england) if Some(f.context) == wales => england,
            _ => f.context,
        })
        .collect();
    for m in undecided {
        let targets = &m.pattern.targets;
        let strong = targets.iter().filter(|t| t.strong);
        // Ambiguous strong alias: the entity already named, else the one whose context
        // (a person's club) the article names; never a blind guess.
        let chosen = strong
            .clone()
            .find(|t| accepted.contains(&t.entry))
            .or_else(|| {
                strong
                    .clone()
                    .find(|t| named.contains(&gazetteer.facts(t.entry).context))
            })
            // Weak alias: only for an entity the article names strongly; or, when the alias
            // is a word of the club's name and of no other club named ("Sporting", "Villa";
            // not "the Blues", nor "United" beside Newcastle United), for the club most of
            // the people the article names play for, or one of them plays for in the country
            // of a competition it names ("Sporting" beside Gonçalo Inácio and the Primeira
            // Liga: Sporting CP).
            .or_else(|| {
                let alias = &text[m.start..m.end];
                let in_name = |entry: u32| {
                    let canonical = &gazetteer.entry(entry).canonical;
                    canonical.split(' ').any(|w| w.eq_ignore_ascii_case(alias))
                };
                let of_other_club = || {
                    accepted
                        .iter()
                        .any(|&id| gazetteer.facts(id).kind == EntityKind::Club && in_name(id))
                };
                // "in Paris", "Paris 2024": the city, not Paris Saint-Germain.
                let place = || {
                    let next = words.partition_point(|w| w.start < m.end);
                    let prev = words.partition_point(|w| w.end <= m.start);
                    let possessive = next > 0 && words[next - 1].possessive;
                    let after_in = prev > 0
                        && words[prev - 1].folded == "in"
                        && words.get(prev).is_some_and(|w| w.joined);
                    (after_in && !possessive) || words.get(next).is_some_and(is_year_after)
                };
                targets.iter().find(|t| {
                    let facts = gazetteer.facts(t.entry);
                    !t.strong
                        && (accepted.contains(&t.entry)
                            || (facts.kind == EntityKind::Competition
                                && club_countries.contains(&facts.context)
                                && !ends_longer_name(&words, m))
                            || ((club_of_the_people == Some(facts.canonical)
                                || (people_of.contains_key(&facts.canonical)
                                    && league_countries.contains(&facts.context)))
                                && in_name(t.entry)
                                && !of_other_club()
                                && !place()))
                })
            })
            // A country as its national team, in football context.
            .or_else(|| {
                targets.iter().find(|t| {
                    gazetteer.facts(t.entry).context == national_team
                        && team_context(text, &words, m, international)
                })
            });
        if let Some(target) = chosen {
            note_match(target.entry, m);
            accepted.insert(target.entry);
            named.insert(gazetteer.facts(target.entry).canonical);
            consumed.push((m.start, m.end));
        } else if text[m.start..m.end].contains(' ')
            && targets
                .iter()
                .any(|t| gazetteer.facts(t.entry).context == national_team)
        {
            // A country of several words named as a place is still no one's name ("the
            // United Arab Emirates" is no person "Arab Emirates"; "Nathan Holland" is one).
            consumed.push((m.start, m.end));
        }
    }
    for (m, entry) in place_uses {
        if accepted.contains(&entry) {
            consumed.push((m.start, m.end));
        }
    }
    mark_inside(&mut words, &mut consumed);
    // In an article about women's football a generic competition name means the women's
    // competition ("the World Cup" in a story about the Matildas), unless the article names
    // the men's one by a name of its own ("Euro 2024"): then the generic name is left as is.
    if !generic_names.is_empty() && about_womens_football(tokens) {
        for (generic, womens) in generic_names {
            if !named_otherwise.contains(&generic) {
                accepted.remove(&generic);
                accepted.insert(womens);
            }
        }
    }

    // A cricket or rugby story names that sport's teams and tournaments: "England", "the
    // World Cup", "Leicester" (the Tigers) are no football team or competition there. Its
    // people are still people.
    if !accepted.is_empty() && about_another_sport(tokens) {
        accepted.retain(|id| gazetteer.facts(*id).kind == EntityKind::Person);
    }

    let mut entities = Entities::default();
    let mut persons: Vec<String> = Vec::new();
    let mut surnames = SurnameKeys::default();
    for id in &accepted {
        let entry = gazetteer.entry(*id);
        match entry.kind {
            EntityKind::Person => {
                surnames.add_keys(&entry.surname_keys, entry.name_words);
                persons.push(entry.canonical.clone());
            }
            kind => entities.of_kind_mut(kind).push(entry.canonical.clone()),
        }
    }

    // The clubs named, as interned canonical names; the empty context is none of them.
    let clubs: HashSet<u32> = accepted
        .iter()
        .map(|id| gazetteer.facts(*id))
        .filter(|f| f.kind == EntityKind::Club)
        .map(|f| f.canonical)
        .collect();

    // 2. Unknown people.
    let mut found: Vec<FoundName> = Vec::new();
    let lone_words: HashSet<u64> = words
        .iter()
        .enumerate()
        .filter(|(k, w)| {
            w.capitalised && !w.sentence_start && !w.inside && !in_capitalised_run(&words, *k)
        })
        .map(|(_, w)| w.hash)
        .collect();
    // Where the headline ends and the first word after it (for the rule below, a text of
    // one line is all body).
    let headline_end = headline.unwrap_or(0);
    let first_body_word = words.partition_point(|w| w.start < headline_end);
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        // An honorific ("Sir Bobby Robson", "Mr Al Fayed") or a headline's verb or function
        // word ("Lions Sign Nolan Miller") is not part of the name; the name after it starts
        // a run of its own.
        if w.inside
            || !w.capitalised
            || w.possessive
            || !is_name_word(w)
            || w.is(class::HONORIFIC | class::NAME_END)
        {
            i += 1;
            continue;
        }
        // A question's first word is no first name ("Will Slot stick with Salah?", "Can
        // Amorim fix United?"; but "Will Hughes scored.").
        if opens_question(text, w) {
            i += 1;
            continue;
        }
        // A capitalised sentence-initial role or function word ("Goalkeeper Cata Coll",
        // "By Andy Hampson") does not start a name: the name starts after it.
        // Nor does a title after a role word ("Chief Constable Roberts").
        let after_role_word =
            w.joined && i > 0 && !words[i - 1].inside && words[i - 1].is(class::ROLE);
        // Nor a capitalised role word mid-sentence ("Russian President Vladimir Putin").
        // A title that is also a first name ("Prince William") stays.
        // A sentence-initial function word starts none, in the headline too ("A Mike
        // Bassett-Style Show").
        if ((w.sentence_start
            && (w.is(class::COMMON) || (w.is(class::ROLE) && !is_title_word(headline, w.start))))
            || (!w.sentence_start && w.is(class::ROLE))
            || (after_role_word && w.is(class::ROLE)))
            && !w.is(class::FIRST_NAME)
        {
            i += 1;
            continue;
        }
        let mut last = i;
        let mut j = i + 1;
        while j < words.len() && j - i < 4 {
            let next = &words[j];
            let particle = next.is_particle();
            if !next.joined
                || next.inside
                || !(particle || next.capitalised)
                || next.is(class::NAME_END)
                || (next.is(class::ROLE) && !next.is(class::FIRST_NAME))
                || (next.is(class::DEMONYM_SURNAME) && j - i >= 2)
            {
                break;
            }
            if !particle {
                last = j;
            }
            j += 1;
            // A possessive or an adjective ending ends the name ("Bassett-Style Show").
            if next.possessive || adjective_ending(next).is_some() {
                break;
            }
        }
        if last == i || is_photo_credit(text, w.start) {
            i += 1;
            continue;
        }
        // An adjective ending glued to the last word is no part of the name ("a Le
        // Tissier-esque free kick"), and a place before "-born" or "-based" no word of it.
        let (run, last_text) = match adjective_ending(&words[last]) {
            Some(Ending::Place) => (&words[i..last], words[last - 1].text),
            Some(Ending::Adjective(stem)) => (&words[i..=last], stem),
            None => (&words[i..=last], words[last].text),
        };
        let run_last = &run[run.len() - 1];
        let last_hash = if last_text.len() == run_last.text.len() {
            run_last.hash
        } else {
            word_hash(&fold(last_text))
        };
        let known_first_name = w.is(class::FIRST_NAME);
        let prev = i.checked_sub(1).map(|p| &words[p]);
        let after_role = prev.is_some_and(|p| {
            let year_old = p.folded.ends_with("-year-old");
            w.joined
                && ((!p.capitalised
                    || year_old
                    || (p.sentence_start && !is_title_word(headline, p.start)))
                    && (p.is(class::ROLE) || year_old)
                    || p.is(class::HONORIFIC))
        });
        let surname_reused = lone_words.contains(&last_hash);
        let plausible_start = !w.is(class::COMMON) && (!w.sentence_start || after_role);
        // Evidence from the neighbours: the next item of a list of people ("Chloe Logarzo,
        // Elise Kellond-Knight", "Beth Mead and Leah Williamson") or a national team's player
        // ("France's Marie-Antoinette Katoto"). The run must start like a first name: not a
        // particle or article ("De Bruyne", "Al Duhail") nor any known alias ("Saudi").
        let neighbours = || {
            let Some(p) = prev else { return false };
            if run.iter().any(|r| r.is(class::ROLE))
                || w.is(class::PARTICLE | class::NAME_ARTICLE | class::ALIAS)
            {
                return false;
            }
            let listed = if p.folded == "and" && p.joined && w.joined {
                i >= 2 && person_ends.contains(&words[i - 2].end)
            } else {
                text[p.end..w.start].trim() == "," && person_ends.contains(&p.end)
            };
            let team_player = p.possessive && p.inside && w.joined && team_ends.contains(&p.end);
            listed || team_player
        };
        let evidence =
            known_first_name || (plausible_start && (after_role || surname_reused || neighbours()));
        // A name in the headline is named in the body too, or is the byline after a bar
        // ("... | Jonathan Liew"): a Title Case headline capitalises every word ("Nolan
        // Miller Ready", "Lions Sign Nolan Miller").
        let in_body_too = w.start >= headline_end
            || text[..w.start].trim_end().ends_with('|')
            || words[first_body_word..].iter().any(|b| b.hash == last_hash);
        // An abbreviated surname ("Daniel O") is not a name to label.
        let abbreviated = last_text.chars().nth(1).is_none();
        // A name ends in a surname: not a particle or article ("Rio De Janeiro-born",
        // "Mohamed Al Cairo-born"), nor a word that is never part of a name ("John Lewis
        // Partnership-owned").
        let ends_like_a_name = || {
            run.len() >= 2
                && word_classes(gazetteer)
                    .lists
                    .get(&last_hash)
                    .is_none_or(|&c| {
                        c & (class::NOT_NAME | class::PARTICLE | class::NAME_ARTICLE) == 0
                    })
        };
        let after_venue = prev.is_some_and(|p| w.joined && p.is(class::VENUE));
        if evidence
            && in_body_too
            && !after_venue
            && !abbreviated
            && ends_like_a_name()
            && run.iter().all(|w| w.capitalised || w.is_particle())
            && run.iter().filter(|w| w.capitalised).all(is_name_word)
        {
            let mut name: Vec<&str> = run.iter().map(|w| w.text).collect();
            name[run.len() - 1] = last_text;
            let name = name.join(" ");
            let folded_name = fold(&name);
            let word_count = run.len();
            if !surnames.of_longer_name(&folded_name, word_count) {
                // Its surname keys and end count even if the name is dropped below (as a
                // surname alone): the words were a person's either way.
                surnames.add(&folded_name);
                found.push(FoundName {
                    name,
                    folded: folded_name,
                    words: word_count,
                    surname_only: w.is(class::PARTICLE),
                });
                person_ends.push(run_last.end);
            }
        }
        i = last + 1;
    }

    for name in found {
        // Named again later by a longer name it ends ("Van de Ven's next move" before
        // "Micky van de Ven"): that person, already counted.
        if surnames.of_longer_name(&name.folded, name.words) {
            continue;
        }
        if name.surname_only {
            // A surname alone, capitalised at a sentence start ("Van de Ven", "De la
            // Fuente"): the known person of that surname at a club the article names; else
            // no one (the only known "van der Sar" is not the one a story means).
            let person = gazetteer
                .surnames
                .get(&name.folded)
                .and_then(|ids| person_in_context(gazetteer, ids, &clubs));
            if let Some(person) = person {
                persons.push(gazetteer.entry(person).canonical.clone());
            }
            continue;
        }
        let known = known_by_other_forename(gazetteer, &name.folded, &clubs)
            .or_else(|| known_by_unhyphenated_surname(gazetteer, &name.folded, &clubs));
        persons.push(known.map_or(name.name, |person| {
            gazetteer.entry(person).canonical.clone()
        }));
    }

    // 3. Lone surnames.
    // Words the article writes after a capitalised word that is never part of a person's
    // name, a place's or an organisation's ("Stamford Bridge", "Australian Labor"): alone
    // elsewhere ("a sold-out Bridge") they are that place or organisation again.
    // (Collected when first needed: most articles never ask.)
    let mut after_place_words: Option<Vec<u64>> = None;
    let mut resolved: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if w.inside || !w.capitalised || w.text.len() < 3 {
            continue;
        }
        let part_of_run = (words
            .get(k + 1)
            .is_some_and(|n| n.joined && n.capitalised && !n.inside))
            || (w.joined
                && k > 0
                && words[k - 1].capitalised
                && !words[k - 1].inside
                && !opens_question(text, &words[k - 1]));
        if part_of_run || surnames.contains(w.hash) {
            continue;
        }
        if w.sentence_start && w.is(class::COMMON) {
            continue;
        }
        if !w.is(class::SURNAME) {
            continue;
        }
        // Not a word that is never a name ("in March", "on Friday", "Villa Park"), nor one
        // the article writes after such a word ("Stamford Bridge" ... "the Bridge"), nor an
        // ordinary word opening a sentence that the text also writes in lower case ("Given
        // how ...", "... given").
        if !is_name_word(w) {
            continue;
        }
        let Some(ids) = gazetteer.surnames.get(w.folded) else {
            continue;
        };
        let person = person_in_context(gazetteer, ids, &clubs).or_else(|| {
            // The only known person of a distinctive surname, capitalised mid-sentence in
            // the body (where ordinary words are lower-case), and not after "the": that is
            // a place or a thing ("at the Bridge", "the Queen's funeral", "the Commons";
            // "the Pochettino years" is his only where a club of his is named: above).
            let [only] = ids.as_slice() else {
                return None;
            };
            let after_the = w.joined && k > 0 && words[k - 1].folded == "the";
            let distinctive = !after_the
                && w.folded.len() >= 4
                && !w.is(class::FIRST_NAME | class::ALIAS | class::CLUB_WORD);
            (distinctive && lone_words.contains(&w.hash) && !is_title_word(headline, w.start))
                .then_some(*only)
        });
        let Some(person) = person else {
            continue;
        };
        // The costlier checks last, for the few words that would name someone.
        let mut after_place_word = || {
            after_place_words
                .get_or_insert_with(|| {
                    words
                        .windows(2)
                        .filter(|pair| {
                            pair[1].joined
                                && pair[0].capitalised
                                && !pair[0].possessive
                                && pair[0].is(class::NOT_NAME)
                        })
                        .map(|pair| pair[1].hash)
                        .collect()
                })
                .contains(&w.hash)
        };
        if (w.sentence_start && written_lower(tokens, w.hash)) || after_place_word() {
            continue;
        }
        resolved.push(gazetteer.entry(person).canonical.clone());
    }
    persons.extend(resolved);

    entities.person = one_spelling_each(persons);
    for kind in EntityKind::ALL {
        let names = entities.of_kind_mut(kind);
        names.sort();
        names.dedup();
    }
    entities
}

/// The people found, one spelling per person: an article that writes "Maxime Crépeau" and
/// "Maxime Crepeau", or "O'Reilly" and "O’Reilly", names one person, under the spelling with
/// the most accents (then the smallest in byte order: "O'Reilly").
fn one_spelling_each(persons: Vec<String>) -> Vec<String> {
    let accents = |name: &str| {
        name.chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii())
            .count()
    };
    // Most articles name no one twice: the folded names' hashes tell, in one buffer.
    let mut folded = String::new();
    let hashes: Vec<u64> = persons
        .iter()
        .map(|name| {
            folded.clear();
            fold_into(name, &mut folded);
            word_hash(&folded)
        })
        .collect();
    if hashes
        .iter()
        .enumerate()
        .all(|(i, h)| !hashes[i + 1..].contains(h))
    {
        return persons;
    }
    let mut keyed: Vec<(String, std::cmp::Reverse<usize>, String)> = persons
        .into_iter()
        .map(|name| (fold(&name), std::cmp::Reverse(accents(&name)), name))
        .collect();
    keyed.sort_unstable();
    keyed.dedup_by(|later, kept| later.0 == kept.0);
    keyed.into_iter().map(|(_, _, name)| name).collect()
}

/// A person's name found from capitalised words, before it is checked against the names
/// found after it.
struct FoundName {
    /// As written ("Micky van de Ven").
    name: String,
    /// Folded.
    folded: String,
    /// Number of words.
    words: usize,
    /// Starts with a capitalised particle: a surname alone ("Van de Ven"). A name starting
    /// with an article ("Al Fayed", "Ben Yedder") is not: articles start clubs too ("Al
    /// Duhail"), and such a surname is how the person is named alone.
    surname_only: bool,
}

/// The one person of a surname (`ids`) whose context (a club) the article names.
fn person_in_context(gazetteer: &Gazetteer, ids: &[u32], clubs: &HashSet<u32>) -> Option<u32> {
    let mut in_context = ids
        .iter()
        .filter(|id| clubs.contains(&gazetteer.facts(**id).context));
    match (in_context.next(), in_context.next()) {
        (Some(&person), None) => Some(person),
        _ => None,
    }
}

/// The known person a name with another form of his forename means: a short one ("Andy
/// Robertson" -> Andrew Robertson, "Dani Carvajal" -> Daniel Carvajal) or the formal one
/// ("Daniel Vivian" -> Dani Vivian). Same surname, forenames that stand for each other
/// ([`formal_forenames`]), and a club of theirs named in the article (the cricketer "Steve
/// Smith" is no footballer Steven Smith).
fn known_by_other_forename(
    gazetteer: &Gazetteer,
    folded_name: &str,
    clubs: &HashSet<u32>,
) -> Option<u32> {
    let (forename, surname) = folded_name.split_once(' ')?;
    let formal_of_written = formal_forenames(forename).unwrap_or_default();
    let ids: Vec<u32> = gazetteer
        .surnames
        .get(surname)?
        .iter()
        .copied()
        .filter(|&id| {
            let canonical = fold(&gazetteer.entry(id).canonical);
            canonical.split_once(' ').is_some_and(|(first, rest)| {
                rest == surname
                    && (formal_of_written.contains(&first)
                        || formal_forenames(first).is_some_and(|f| f.contains(&forename)))
            })
        })
        .collect();
    person_in_context(gazetteer, &ids, clubs)
}

/// The known person whose hyphenated surname a name of two words writes without its hyphen
/// ("Alexander Arnold" -> Trent Alexander-Arnold): the one of that surname whose club the
/// article names, else the only one.
fn known_by_unhyphenated_surname(
    gazetteer: &Gazetteer,
    folded_name: &str,
    clubs: &HashSet<u32>,
) -> Option<u32> {
    let (first, second) = folded_name.split_once(' ')?;
    if second.contains(' ') {
        return None;
    }
    let ids = gazetteer.surnames.get(&format!("{first}-{second}"))?;
    match ids.as_slice() {
        [only] => Some(*only),
        ids => person_in_context(gazetteer, ids, clubs),
    }
}

/// An ending glued to a name's last word by a hyphen that makes it an adjective.
enum Ending<'a> {
    /// A person's name made an adjective ("Tissier-esque", "Mourinho-style"): the name is
    /// the part before the hyphen.
    Adjective(&'a str),
    /// A place made one ("Belfast-born", "Madrid-based"): the word is no part of a name.
    Place,
}

/// The adjective ending of a word, if it has one ([`NAME_SUFFIXES`], [`PLACE_SUFFIXES`], in
/// any case: "Bassett-Style" in a Title Case headline). Hyphenated names have none
/// ("Kellond-Knight", "Heung-min").
fn adjective_ending<'a>(word: &Word<'a>) -> Option<Ending<'a>> {
    if !word.glued {
        return None;
    }
    let (stem, ending) = word.text.rsplit_once('-')?;
    let is = |list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(ending));
    if is(PLACE_SUFFIXES) {
        Some(Ending::Place)
    } else if is(NAME_SUFFIXES) {
        Some(Ending::Adjective(stem))
    } else {
        None
    }
}

/// The surname keys ("dijk", "van dijk") of the people an article names, by their
/// [`word_hash`], each with the most words of a name it ends.
#[derive(Default)]
struct SurnameKeys(HashMap<u64, usize>);

impl SurnameKeys {
    /// Adds the keys of one person's name, given folded.
    fn add(&mut self, folded_name: &str) {
        let words: Vec<String> = folded_name.split_whitespace().map(str::to_owned).collect();
        self.add_keys(&surname_key_hashes(&words), words.len());
    }

    /// Adds the surname keys (hashes) of a name of `words` words.
    fn add_keys(&mut self, keys: &[u64], words: usize) {
        for &key in keys {
            let longest = self.0.entry(key).or_insert(words);
            *longest = (*longest).max(words);
        }
    }

    /// True when a folded name of `words` words ends a longer name already known.
    fn of_longer_name(&self, folded_name: &str, words: usize) -> bool {
        self.0
            .get(&word_hash(folded_name))
            .is_some_and(|&longest| longest > words)
    }

    /// True when a word (by its hash) is the surname of a person named.
    fn contains(&self, hash: u64) -> bool {
        self.0.contains_key(&hash)
    }
}

/// True when an article is about women's football: it says "women" (or "woman"), and
/// "she" and "her" outnumber "he", "him" and "his" (at least two of them).
fn about_womens_football(tokens: &Tokens) -> bool {
    static WORDS: std::sync::LazyLock<[[u64; 4]; 3]> = std::sync::LazyLock::new(|| {
        [
            ["she", "her", "hers", "herself"],
            ["he", "him", "his", "himself"],
            ["women", "woman", "womens", "womans"],
        ]
        .map(|group| group.map(word_hash))
    });
    let [she, he, women] = &*WORDS;
    let (mut shes, mut hes, mut says_women) = (0usize, 0usize, false);
    for token in &tokens.tokens {
        if she.contains(&token.hash) {
            shes += 1;
        } else if he.contains(&token.hash) {
            hes += 1;
        } else if women.contains(&token.hash) {
            says_women = true;
        }
    }
    says_women && shes >= 2 && shes > hes
}

/// Words of cricket and rugby stories that football stories hardly use (folded tokens).
const OTHER_SPORT_WORDS: &[&str] = &[
    "rugby",
    "scrum",
    "scrums",
    "lineout",
    "lineouts",
    "wicket",
    "wickets",
    "innings",
    "batsman",
    "batsmen",
    "bowler",
    "bowlers",
    "lbw",
    "odi",
    "odis",
    "t20",
    "twenty20",
    "cricket",
    "cricketer",
    "cricketers",
    "ashes",
    "overs",
];

/// Words of football stories that cricket and rugby stories hardly use (folded tokens).
const FOOTBALL_WORDS: &[&str] = &[
    "football",
    "footballer",
    "footballers",
    "soccer",
    "goal",
    "goals",
    "goalless",
    "striker",
    "strikers",
    "midfielder",
    "midfielders",
    "midfield",
    "defender",
    "defenders",
    "goalkeeper",
    "goalkeepers",
    "penalty",
    "penalties",
    "offside",
    "stoppage",
    "equaliser",
    "equalizer",
    "fifa",
    "uefa",
];

/// True when an article is about cricket or rugby, not football: at least four of their
/// words ([`OTHER_SPORT_WORDS`]), more than three times as many as football's
/// ([`FOOTBALL_WORDS`]; a football report beside a column of cricket scores is football).
fn about_another_sport(tokens: &Tokens) -> bool {
    /// The two word lists' hashes, and a 1,024-bit filter of them that rules out almost
    /// every token with two bit tests.
    struct SportWords {
        other: Vec<u64>,
        football: Vec<u64>,
        filter: [u64; 16],
    }
    static WORDS: std::sync::LazyLock<SportWords> = std::sync::LazyLock::new(|| {
        let hashes = |words: &[&str]| words.iter().map(|w| word_hash(w)).collect::<Vec<_>>();
        let (other, football) = (hashes(OTHER_SPORT_WORDS), hashes(FOOTBALL_WORDS));
        let mut filter = [0u64; 16];
        for &hash in other.iter().chain(&football) {
            for bit in filter_bits(hash) {
                filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        SportWords {
            other,
            football,
            filter,
        }
    });
    fn filter_bits(hash: u64) -> [usize; 2] {
        [(hash & 1023) as usize, ((hash >> 20) & 1023) as usize]
    }
    let words = &*WORDS;
    let (mut other, mut football) = (0usize, 0usize);
    for token in &tokens.tokens {
        let passes = filter_bits(token.hash)
            .iter()
            .all(|&bit| words.filter[bit / 64] & (1 << (bit % 64)) != 0);
        if !passes {
            continue;
        }
        if words.other.contains(&token.hash) {
            other += 1;
        } else if words.football.contains(&token.hash) {
            football += 1;
        }
    }
    other >= 4 && other > 3 * football
}

/// True when a one-word gazetteer match (its word, if any, is `words[k]`: the first that
/// does not start before it) is a word of a longer person's name, not the entity: after a
/// first name ("Bobby Charlton", "Simon Jordan": not Charlton Athletic, nor Jordan) or,
/// itself a first name, before a surname ("Michel Platini", "Georgia Stanway": not Míchel,
/// nor Georgia); in the headline only where the body repeats the two words, for Title Case
/// capitalises the verb after a name ("Georgia Stun Portugal"). The name is then a
/// person's, found in step 2.
fn in_persons_name(
    text: &str,
    tokens: &Tokens,
    words: &[Word<'_>],
    k: usize,
    m: &AliasMatch<'_>,
    headline: Option<usize>,
    full_club_name: &dyn Fn() -> bool,
) -> bool {
    let Some(word) = words.get(k) else {
        return false;
    };
    let first_name_before = word.joined && k > 0 && words[k - 1].is(class::FIRST_NAME);
    if word.start != m.start
        || word.end != m.end
        || !(first_name_before || word.is(class::FIRST_NAME))
    {
        return false;
    }
    // A capitalised word that can be part of a person's name and is nothing else.
    let name_word = |w: &Word<'_>| {
        w.capitalised
            && w.text.chars().nth(1).is_some()
            && is_name_word(w)
            && !w.is(class::ALIAS
                | class::ROLE
                | class::COMMON
                | class::NAME_END
                | class::HONORIFIC
                | class::TEAM_AFTER)
    };
    let after_first_name = first_name_before
        && !words[k - 1].possessive
        && name_word(&words[k - 1])
        && !QUESTION_WORDS.contains(&words[k - 1].folded);
    // Not in a line in Title Case either ("Ronaldo Shines" as a subheading, "Salah Scores
    // Again"): the surname is followed by a lower-case word or punctuation.
    let title_case_after = |n: usize| {
        text[words[n].end..]
            .trim_start_matches(' ')
            .starts_with('\n')
            || words.get(n + 1).is_some_and(|w| w.joined && w.capitalised)
    };
    // Whether the body (after the headline) writes the words from `first` to `last` too.
    let body_repeats = |first: &Word<'_>, last: &Word<'_>| {
        headline.is_some_and(|end| text[end..].contains(&text[first.start..last.end]))
    };
    // In the headline (Title Case) only where the body names the same two words.
    let surname_follows = |next: &Word<'_>| {
        if is_title_word(headline, word.start) {
            body_repeats(word, next)
        } else {
            !title_case_after(k + 1)
        }
    };
    // After a first name: in the headline only where the body names the two words too
    // ("Isak Arsenal" in a list of rumours is Alexander Isak and the club); after a name
    // already, a club's full name is the club ("a George Graham Arsenal team"; "Juan Antonio
    // Pizzi" is one man).
    let after_first_name = after_first_name
        && if is_title_word(headline, words[k - 1].start) {
            body_repeats(&words[k - 1], word)
        } else {
            !(words[k - 1].joined && k > 1 && name_word(&words[k - 2]) && full_club_name())
        };
    // Before a surname, which is not an ordinary word the text also writes in lower case
    // ("Chelsea Test", "a test").
    let before_surname = word.is(class::FIRST_NAME)
        && !word.possessive
        && words.get(k + 1).is_some_and(|next| {
            next.joined
                && name_word(next)
                && surname_follows(next)
                && !written_lower(tokens, next.hash)
        });
    after_first_name || before_surname
}

/// True when a match writes the full (canonical) name of `entry`, a club other than a
/// national team: "Arsenal", "Liverpool"; not "Charlton" (Charlton Athletic) nor "Georgia".
fn names_club_in_full(
    gazetteer: &Gazetteer,
    text: &str,
    m: &AliasMatch<'_>,
    entry: u32,
    national_team: u32,
) -> bool {
    let facts = gazetteer.facts(entry);
    facts.kind == EntityKind::Club
        && facts.context != national_team
        && fold(&text[m.start..m.end]) == fold(&gazetteer.entry(entry).canonical)
}

/// True when the text writes the word (by its hash) in lower case somewhere: an ordinary
/// word, whatever its capitalised uses are.
fn written_lower(tokens: &Tokens, hash: u64) -> bool {
    tokens
        .tokens
        .iter()
        .any(|t| t.hash == hash && !t.capitalised)
}

/// True when a word is the first of a question and a question word ("Will", "Can", "How"):
/// the sentence it starts ends in a question mark.
fn opens_question(text: &str, word: &Word<'_>) -> bool {
    word.sentence_start
        && QUESTION_WORDS.contains(&word.folded)
        && text[word.start..]
            .find(['.', '!', '?', '\n'])
            .is_some_and(|end| text[word.start + end..].starts_with('?'))
}

/// Sentence-initial words of a question, also first names ("Will Chelsea sign him?").
const QUESTION_WORDS: &[&str] = &["will", "can", "did", "does", "may", "how", "why", "who"];

/// Sets `inside` on every word that overlaps an accepted match.
fn mark_inside(words: &mut [Word<'_>], spans: &mut [(usize, usize)]) {
    spans.sort_unstable();
    let mut s = 0;
    for w in words.iter_mut() {
        while s < spans.len() && spans[s].1 <= w.start {
            s += 1;
        }
        w.inside = s < spans.len() && spans[s].0 < w.end;
    }
}

/// True when football words stand next to the match: "England manager", "against Spain",
/// "Wales 2-1", "France's Kylian Mbappé", "England's captain".
fn team_context(text: &str, words: &[Word<'_>], m: &AliasMatch<'_>, international: bool) -> bool {
    let (start, end) = (m.start, m.end);
    let next = words.partition_point(|w| w.start < end);
    let prev = words.partition_point(|w| w.end <= start);
    let last_of_match = words[..next].last();
    if let Some(after) = words.get(next) {
        let possessive = last_of_match.is_some_and(|w| w.possessive);
        if possessive && after.joined && (after.capitalised || after.is(class::TEAM_AFTER)) {
            return true;
        }
        // A score ("England 2-1"), not a year ("Qatar 2022").
        let score = after.text.starts_with(|c: char| c.is_ascii_digit()) && !is_year_after(after);
        if after.joined && (after.is(class::TEAM_AFTER) || score) {
            return true;
        }
    }
    // An abbreviation written as an adjective ("US billionaire", "a US-based fund", "UK
    // government") is the country, not its team.
    if is_abbreviation(&text[start..end]) {
        let glued_on = text[end..].trim_start_matches('.').starts_with('-');
        let adjective = words.get(next).is_some_and(|a| {
            a.joined
                && !a.capitalised
                && !a.is(class::TEAM_AFTER | class::COMMON)
                && !FUNCTION_WORDS.contains(&a.folded)
        });
        if glued_on || adjective {
            return false;
        }
    }
    if international && is_place_mention(words, prev, next) {
        return false;
    }
    if international {
        // In an article about international football a country is its team unless it is
        // plainly a place ("in Qatar", "Qatar 2022").
        return true;
    }
    if prev > 0 {
        let before = &words[prev - 1];
        let first_of_match = words.get(prev);
        if first_of_match.is_some_and(|w| w.joined) && before.is(class::TEAM_BEFORE) {
            return true;
        }
    }
    false
}

/// True when a match ends a longer capitalised name: "NWSL Championship", "Concacaf
/// Championship" are no nickname of the EFL Championship.
fn ends_longer_name(words: &[Word<'_>], m: &AliasMatch<'_>) -> bool {
    let k = words.partition_point(|w| w.start < m.start);
    // At a sentence start, only a name's word or an acronym ("NWSL Championship"; not
    // "Fellow Championship side Wrexham").
    let sentence_start_name = |w: &Word<'_>| {
        w.is(class::ALIAS | class::CLUB_WORD)
            || (w.text.len() > 1 && !w.text.bytes().any(|b| b.is_ascii_lowercase()))
    };
    words.get(k).is_some_and(|w| w.joined)
        && k > 0
        && words[k - 1].capitalised
        && (!words[k - 1].sentence_start || sentence_start_name(&words[k - 1]))
}

/// True when a one-word club name is written as the place the club is named after: "in
/// Marseille", not "in Marseille's win" nor "in Marseille colours".
fn is_place_use(words: &[Word<'_>], m: &AliasMatch<'_>) -> bool {
    let k = words.partition_point(|w| w.start < m.start);
    let Some(word) = words.get(k) else {
        return false;
    };
    let one_word = word.start == m.start && word.end == m.end;
    let after_in = word.joined && k > 0 && words[k - 1].folded == "in";
    let team_word_after = words
        .get(k + 1)
        .is_some_and(|w| w.joined && w.is(class::TEAM_AFTER));
    one_word && after_in && !word.possessive && !team_word_after
}

/// True for a country's abbreviation as written: capitals and dots ("US", "U.S.", "UK").
fn is_abbreviation(written: &str) -> bool {
    written.len() <= 5
        && written.chars().any(|c| c.is_ascii_uppercase())
        && written.chars().all(|c| c.is_ascii_uppercase() || c == '.')
}

/// Lower-case words that follow a country's name without making it an adjective ("the US
/// and Canada", "the US was", "US v Mexico").
const FUNCTION_WORDS: &[&str] = &[
    "or", "of", "to", "is", "was", "are", "were", "has", "have", "had", "will", "would", "could",
    "v", "vs", "last", "next", "this", "who", "which", "where", "since", "until",
];

/// True when a country is written as a place: after "in", "to", "from", "at", "of"... or
/// before a year ("Qatar 2022", the tournament).
fn is_place_mention(words: &[Word<'_>], first: usize, next: usize) -> bool {
    let after = words.get(next);
    // The word before, or the one before "the" where the name ends its phrase ("in the
    // Netherlands the following week", "to the US."; not "in the Netherlands' 1988 win",
    // "to the England squad", "of the Netherlands").
    let mut before = first.checked_sub(1).map(|i| &words[i]);
    let ends_phrase = next > 0
        && !words[next - 1].possessive
        && !after.is_some_and(|a| {
            a.joined && !a.is(class::COMMON) && !FUNCTION_WORDS.contains(&a.folded)
        });
    if before.is_some_and(|w| w.folded == "the") && first >= 2 && ends_phrase {
        before = Some(&words[first - 2]).filter(|w| words[first - 1].joined && w.folded != "of");
    }
    let place_word = before.is_some_and(|w| w.is(class::PLACE_BEFORE));
    place_word || after.is_some_and(is_year_after)
}

/// True when a word is a year of the last or this century right after a name ("Qatar
/// 2022", "France 1998"), not an ordinal ("20th").
fn is_year_after(word: &Word<'_>) -> bool {
    let digits = word.text.as_bytes();
    word.joined
        && digits.len() == 4
        && (digits.starts_with(b"19") || digits.starts_with(b"20"))
        && digits.iter().all(u8::is_ascii_digit)
}

/// True when the byte offset lies in the headline, which ends at `headline` (the first line
/// break; none: the whole text is headline).
fn is_title_word(headline: Option<usize>, offset: usize) -> bool {
    headline.is_none_or(|newline| offset < newline)
}

/// True when the text before a name ends in a photo credit ("Photo by "): credits name
/// photographers, not what the article is about.
fn is_photo_credit(text: &str, offset: usize) -> bool {
    let before = &text[..offset];
    // Every cue ends in "y" or ":": most names are ruled out by the character before them.
    match before.trim_end().as_bytes().last() {
        Some(b'y' | b'Y' | b':') => {}
        Some(b) if b.is_ascii() => return false,
        None => return false,
        Some(_) => {}
    }
    let start = before.len().saturating_sub(24);
    let start = (start..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let tail = &before[start..];
    // ASCII (nearly always): compare ignoring case, no folding needed.
    let folded;
    let tail = if tail.is_ascii() {
        tail.trim_end()
    } else {
        folded = fold(tail);
        folded.trim_end()
    };
    let ends_with = |cue: &str| {
        tail.len() >= cue.len()
            && tail.as_bytes()[tail.len() - cue.len()..].eq_ignore_ascii_case(cue.as_bytes())
    };
    [
        "photo by",
        "picture by",
        "image by",
        "photograph by",
        "photos by",
        "pictures by",
        "credit:",
        "photo:",
    ]
    .iter()
    .any(|cue| ends_with(cue))
}

/// A capitalised word that can be part of a person's name: not a month, weekday, place,
/// outlet, organisation or role word, no digits, not an all-capitals acronym.
fn is_name_word(word: &Word<'_>) -> bool {
    let text = word.text;
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    let acronym = text.len() > 1
        && if text.is_ascii() {
            !text.bytes().any(|b| b.is_ascii_lowercase())
        } else {
            text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
        };
    !has_digit && !acronym && !word.is(class::NOT_NAME)
}

/// True when word `k` has a capitalised neighbour joined to it by a space.
fn in_capitalised_run(words: &[Word<'_>], k: usize) -> bool {
    let w = &words[k];
    let after = words.get(k + 1).is_some_and(|n| n.joined && n.capitalised);
    let before = w.joined && k > 0 && words[k - 1].capitalised;
    after || before
}

/// Folded words that never belong to a person's name.
#[rustfmt::skip]
const NOT_NAME_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "photo", "photograph", "images", "getty", "reuters", "afp", "press",
    "association", "sky", "sports", "sport", "news", "bbc", "espn", "teamtalk", "times", "mail",
    "mirror", "express", "telegraph", "guardian", "independent", "athletic", "post", "bild",
    "kicker", "marca", "media", "tv", "radio", "stadium", "park", "arena", "road", "lane",
    "street", "ground", "airport", "hotel", "university", "college", "school", "group", "league",
    "cup", "fc", "afc", "united", "city", "town", "rovers", "wanderers", "albion", "county",
    "club", "academy", "women", "under", "germany", "england", "france", "spain", "italy",
    "portugal", "brazil", "argentina", "netherlands", "europe", "european", "world", "premier",
    "championship", "twitter", "instagram", "whatsapp", "football", "soccer", "mercury", "herald",
    "chronicle", "gazette", "echo", "journal", "tribune", "standard", "observer", "evening",
    "daily", "weekly", "magazine", "review", "live", "online", "podcast", "australian", "london",
    "fm", "goal", "talksport", "cf", "sc",
    // organisations and venues
    "fund", "committee", "capital", "council", "federation", "foundation", "trust", "ministry",
    "commission", "government", "holdings", "partners", "investment", "consortium",
    "desk", "staff", "kit", "nou", "trafford", "masia", "cottage", "bernabeu", "estadio",
    "publishing",
    // demonyms and compass words
    "spaniard", "irishman", "scotsman", "welshman", "englishman", "frenchman", "dutchman",
    "north", "south", "northern", "southern", "eastern", "western", "saudi",
    "korean", "japanese", "chinese", "american", "african", "asian", "brazilian", "argentine",
    "argentinian", "italian", "spanish", "portuguese", "dutch", "belgian",
    "scottish", "irish", "british", "nigerian", "ghanaian", "moroccan",
    "egyptian", "mexican", "canadian", "russian", "swedish", "norwegian",
    "polish", "turkish", "greek", "swiss", "austrian", "croatian", "serbian", "ukrainian",
    "colombian", "chilean", "uruguayan", "ecuadorian", "senegalese", "ivorian", "cameroonian",
    "algerian", "tunisian", "iranian", "qatari", "emirati", "zambian", "kenyan", "jamaican",
    "icelandic", "finnish", "czech", "hungarian", "romanian", "israeli", "indonesian",
    // the first person, and words for players ("Sarina I'm", "Gunner Katie McCabe",
    // "PFA Young Player")
    "i", "i'm", "i've", "i'll", "i'd", "player", "players", "gunner", "gunners",
    // events, places and things named like people ("Milan-Cortina Games", "Rio de Janeiro")
    "games", "olympics", "olympic", "islands", "janeiro", "theatre", "medal", "clasico",
    "britain", "updates", "network", "preseasons", "trophy", "tournament", "stade", "stadio",
    "lecture", "year", "week", "interview", "writer", "editor", "cups",
    // places, organisations and things named like people ("Stamford Bridge", "Six Nations",
    // "Match Preview", "Reserve Bank", "Print E-mail Xinhua")
    "stamford", "nations", "lions", "jets", "greater", "state", "accords", "preview", "bank",
    "port", "sportive", "airlines", "airways", "print", "xinhua", "netflix",
    "partnership",
    // ordinals, rounds and match officials ("Eighth Ballon d'Or", "Fourth Official Simon
    // Long", "First Division")
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "final", "finals", "quarter", "division", "official", "show", "index",
    // words after a first name that is also a place ("Georgia Senate", "Jordan Baja")
    "senate", "baja", "barracks", "season",
    // places, teams, brands and days named like people ("Las Vegas", "Tampa Bay", "Real
    // Madrid Castilla", "Copas del Rey", "Amazon Prime", "Boxing Day", "German Supercup")
    "vegas", "bay", "castilla", "copas", "rent", "prime", "boxing", "supercup", "lightning",
    "memorial",
];

/// Demonyms that are also surnames (Dawn French): after a first name and a surname they
/// are the adjective ("Ellie Carpenter French connection").
const DEMONYM_SURNAMES: &[&str] = &["french", "english", "german", "danish", "welsh"];

/// Words for a stadium before the name of the person it is named after ("Stadio Luigi
/// Ferraris", "Stade Pierre-Mauroy"): that person is not what the article is about.
const VENUE_WORDS: &[&str] = &["stadio", "stade", "estadio", "stadion", "stadium"];

/// Verbs and function words of Title Case headlines: a name ends before them ("Sam Coffey
/// Joins Chelsea", "Nolan Miller Ready", "Prince William And Harry").
#[rustfmt::skip]
const NAME_END_WORDS: &[&str] = &[
    "joins", "announces", "ready", "prepares", "sign", "signs", "linked", "returns", "reveals",
    "admits", "confirms", "wins", "completes", "extends", "leaves", "hails", "slams", "urges",
    "insists", "claims", "eyes", "targets", "backs", "praises", "responds", "speaks",
    "the", "and", "of", "to", "for", "with", "in", "on", "at", "as", "from", "after", "vs",
    "today", "has", "have", "had", "is", "was", "are", "were", "could",
    "would", "should", "named", "proven",
];
/// Capitalised first words of place and club names that no first name is ("San Diego",
/// "St Pauli"); with the surnames' articles ([`SURNAME_ARTICLES`]: "Mac Allister", "Al
/// Duhail", "Ben Salem") the words of [`class::NAME_ARTICLE`]; [`PARTICLES`] are the others.
const PLACE_ARTICLES: [&str; 4] = ["san", "santa", "st", "saint"];

/// Endings glued to a name by a hyphen that make it an adjective ("Tissier-esque").
#[rustfmt::skip]
const NAME_SUFFIXES: &[&str] = &[
    "esque", "style", "like", "inspired", "themed", "led", "era", "coached", "managed", "who",
    "type", "shaped", "less", "ish", "mania", "ite", "ites", "top", "signed", "owned", "backed",
];

/// Endings glued by a hyphen to a place before a name ("Belfast-born").
const PLACE_SUFFIXES: &[&str] = &["born", "based", "bound"];

/// Titles written before a name, not part of it ("Sir Alex Ferguson", "Mr Al Fayed", "Herr
/// Pep").
#[rustfmt::skip]
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "professor", "prof", "herr",
    "frau", "monsieur", "madame", "senor", "senora", "signor", "signora",
];

/// Words that introduce a person's name ("defender Luke Chambers").
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "striker", "midfielder", "defender", "goalkeeper", "keeper", "forward", "winger", "full-back",
    "centre-back", "center-back", "fullback", "wing-back", "left-back", "right-back", "captain",
    "skipper", "coach", "manager", "boss", "president", "chairman", "director", "owner", "agent",
    "journalist", "reporter", "referee", "teammate", "team-mate", "international", "star",
    "youngster", "playmaker", "legend", "pundit", "presenter", "chief", "executive", "minister",
    "prince", "assistant", "scout", "attacker", "ace", "loanee", "teenager", "prodigy",
    "wonderkid", "stopper", "frontman", "supremo", "said", "says", "by", "signing", "veteran",
    "head", "founder", "ceo", "spokesperson", "spokesman", "spokeswoman", "analyst", "rival",
    "duo", "pair", "trio", "winner", "constable", "inspector", "superintendent", "detective",
    "sergeant", "officer", "mayor", "governor", "senator", "justice", "commissioner",
    "corporal", "chairperson", "secretary-general", "democrat", "republican", "youtuber",
    "tiktoker", "lioness",
];

/// Sentence-initial capitalised words that are not names.
#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "but", "and", "however", "according", "as", "while", "if", "when", "after",
    "before", "with", "without", "for", "in", "on", "at", "it", "he", "she", "they", "we", "this",
    "that", "there", "his", "her", "their", "also", "now", "then", "still", "yet", "meanwhile",
    "indeed", "despite", "although", "so",
];

/// Words after a country that make it the national team ("England manager").
#[rustfmt::skip]
const TEAM_WORDS_AFTER: &[&str] = &[
    "international", "internationals", "squad", "manager", "coach", "boss", "captain", "team",
    "side", "players", "striker", "midfielder", "defender", "goalkeeper", "forward", "winger",
    "women", "fans", "supporters", "u21", "u21s", "u20", "u23", "under-21", "under-21s",
    "under-20", "head", "camp", "debut", "cap", "caps", "shirt", "kit", "jersey", "national",
    "beat", "drew", "lost", "won", "face", "faces", "play", "plays", "coached", "colours",
    "colors", "men", "soccer", "football", "women's", "men's",
];

/// Words before a country that make it a place ("in Qatar").
#[rustfmt::skip]
const PLACE_WORDS_BEFORE: &[&str] = &[
    "in", "to", "from", "at", "of", "across", "around", "throughout", "visit", "visited", "visiting",
    "into", "inside", "outside", "near", "hosts", "host", "hosted", "hosting", "within", "left",
];

/// Words before a country that make it the national team ("against Spain").
#[rustfmt::skip]
const TEAM_WORDS_BEFORE: &[&str] = &[
    "beat", "beating", "beaten", "against", "v", "vs", "versus", "face", "faces", "faced",
    "facing", "defeated", "thrashed", "edged", "represent", "represented", "representing", "for",
    "capped",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Gazetteer {
        Gazetteer::parse(
            "club\tBayer Leverkusen\tLeverkusen|Bayer 04 Leverkusen\t\tGermany\n\
             club\tLiverpool\t\tthe Reds\tEngland\n\
             club\t1. FC Köln\tKoln|FC Köln|Cologne\t\tGermany\n\
             club\tVfB Stuttgart\tStuttgart\t\tGermany\n\
             club\tParis Saint-Germain\tPSG\t\tFrance\n\
             competition\tDFB-Pokal\tGerman Cup\t\tGermany\n\
             person\tWaldemar Anton\t\t\tVfB Stuttgart\n\
             person\tXabi Alonso\t\t\tBayer Leverkusen\n\
             person\tMarcos Alonso\t\t\tBarcelona\n\
             person\tFlorian Wirtz\t\t\tBayer Leverkusen\n\
             person\tFlorian Neuhaus\t\t\tBorussia Mönchengladbach\n\
             person\tLuke Shaw\t\t\tManchester United\n\
             person\tLuke Thomas\t\t\tLeicester City\n",
        )
    }

    fn recognize(gazetteer: &Gazetteer, text: &str) -> Entities {
        super::recognize(gazetteer, text, &Tokens::of(text))
    }

    fn people(text: &str) -> Vec<String> {
        recognize(&tiny(), text).person
    }

    #[test]
    fn a_one_word_name_inside_a_longer_persons_name_is_that_person() {
        let gazetteer = Gazetteer::parse(
            "club\tCharlton Athletic\tCharlton\t\tEngland\n\
             club\tGeorgia\t\t\tnational team\n\
             competition\tEuropean Championship\tEuro 2024\t\tinternational\n\
             person\tMíchel\tMichel\t\tGirona\n\
             person\tBobby Moore\t\t\tWest Ham United\n\
             person\tBobby Robson\t\t\tIpswich Town\n\
             person\tGeorgia Smith\t\t\tArsenal\n\
             person\tGeorgia Jones\t\t\tChelsea\n\
             person\tMichel Vorm\t\t\tTottenham Hotspur\n\
             person\tMichel Bastos\t\t\tLyon\n",
        );
        let found = recognize(
            &gazetteer,
            "Euro 2024 preview\n\nBobby Charlton watched Georgia beat Portugal. Michel \
             Platini was there, and Georgia Stanway scored in a friendly. Charlton Athletic \
             lost. Michel was not there.",
        );
        assert_eq!(
            found.person,
            [
                "Bobby Charlton",
                "Georgia Stanway",
                "Michel Platini",
                "Míchel"
            ]
        );
        assert_eq!(found.club, ["Charlton Athletic", "Georgia"]);
        // In a headline where the body repeats the name.
        let found = recognize(
            &gazetteer,
            "Michel Platini banned\n\nMichel Platini was banned. Georgia Stun Portugal",
        );
        assert_eq!(found.person, ["Michel Platini"]);
        // A question's first word is no first name; a Title Case line names no surname.
        let found = recognize(
            &gazetteer,
            "Euro 2024 preview\n\nWill Charlton stay up?\nGeorgia Stun Portugal\nMore later.",
        );
        assert_eq!(found.club, ["Charlton Athletic", "Georgia"]);
        assert!(found.person.is_empty(), "{:?}", found.person);
        // After a name already, a club's full name is the club ("a George Graham Arsenal
        // team"), a short one still a surname ("Juan Bobby Charlton" is a man); in the
        // headline a surname before a club is a list of rumours ("Bobby Arsenal, ...").
        let gazetteer = Gazetteer::parse(
            "club\tCharlton Athletic\tCharlton\t\tEngland\n\
             club\tArsenal\t\t\tEngland\n\
             person\tBobby Moore\t\t\tWest Ham United\n\
             person\tBobby Robson\t\t\tIpswich Town\n\
             person\tGeorge Best\t\t\tManchester United\n\
             person\tGeorge Weah\t\t\tAC Milan\n\
             person\tJuan Mata\t\t\tChelsea\n\
             person\tJuan Román Riquelme\t\t\tBoca Juniors\n",
        );
        let found = recognize(
            &gazetteer,
            "Old days\n\nIt was a George Bobby Arsenal team. Then Juan Bobby Charlton spoke.",
        );
        assert_eq!(found.club, ["Arsenal"]);
        assert_eq!(found.person, ["George Bobby", "Juan Bobby Charlton"]);
        let found = recognize(&gazetteer, "Transfer news: Bobby Arsenal\n\nNothing yet.");
        assert_eq!(found.club, ["Arsenal"]);
        assert!(found.person.is_empty(), "{:?}", found.person);
    }

    #[test]
    fn a_club_named_as_its_city_and_a_league_by_its_nickname() {
        let gazetteer = Gazetteer::parse(
            "club\tOlympique de Marseille\tMarseille|OM\t\tFrance\n\
             club\tSheffield Wednesday\tSheffield Wednesday\t\tEngland\n\
             club\tArsenal\t\t\tEngland\n\
             club\tCardiff City\tCardiff\t\tWales\n\
             club\tWales\t\tWales\tnational team\n\
             competition\tChampionship\tEFL Championship\tChampionship|the Championship\tEngland\n",
        );
        let clubs = |text: &str| recognize(&gazetteer, text).club;
        // "in Marseille" is the city, unless the article names the club otherwise too.
        assert!(clubs("Headline\n\nThe summit was held in Marseille.").is_empty());
        assert_eq!(
            clubs("Headline\n\nHe scored in Marseille's win, his first in Marseille."),
            ["Olympique de Marseille"]
        );
        assert_eq!(
            clubs("Headline\n\nHe played in Marseille colours."),
            ["Olympique de Marseille"]
        );
        // Not the club's own name: "in Arsenal" is the club.
        assert_eq!(clubs("Headline\n\nHe invested in Arsenal."), ["Arsenal"]);
        // "the Championship" is the EFL Championship where an English club is named, not
        // in a longer name.
        let competitions = |text: &str| recognize(&gazetteer, text).competition;
        assert_eq!(
            competitions("Headline\n\nSheffield Wednesday are back in the Championship."),
            ["Championship"]
        );
        assert!(competitions("Headline\n\nHe is back in the Championship.").is_empty());
        assert_eq!(
            competitions("Headline\n\nCardiff City are back in the Championship."),
            ["Championship"]
        );
        assert!(competitions(
            "Headline\n\nSheffield Wednesday won. NWSL Championship games are next."
        )
        .is_empty());
        assert_eq!(
            competitions(
                "Headline\n\nArsenal won. Fellow Championship side Sheffield Wednesday lost."
            ),
            ["Championship"]
        );
        assert!(competitions(
            "Headline\n\nSheffield Wednesday watched the NWSL Championship final."
        )
        .is_empty());
    }

    #[test]
    fn a_question_starts_with_no_first_name() {
        let gazetteer = Gazetteer::parse(
            "club\tVfB Stuttgart\tStuttgart\t\tGermany\n\
             person\tWaldemar Anton\t\t\tVfB Stuttgart\n\
             person\tWill Grigg\t\t\tSunderland\n\
             person\tWill Hughes\t\t\tCrystal Palace\n",
        );
        let found = recognize(
            &gazetteer,
            "Headline\n\nWill Anton stay at Stuttgart? Will Smith said no. Can Anton leave?",
        );
        assert_eq!(found.person, ["Waldemar Anton", "Will Smith"]);
    }

    #[test]
    fn a_countrys_abbreviation_as_an_adjective_or_after_the_place_words_is_no_team() {
        let gazetteer = Gazetteer::parse(
            "club\tUnited States\t\tUS|USA|U.S.\tnational team\n\
             club\tNetherlands\tHolland\tNetherlands|the Netherlands\tnational team\n\
             competition\tWorld Cup\tWorld Cup\t\tinternational\n",
        );
        let clubs = |body: &str| recognize(&gazetteer, &format!("World Cup news\n\n{body}")).club;
        for place in [
            "A US billionaire bought the club.",
            "The club has a U.S.-based owner.",
            "He moved to the US.",
            "He lives in the Netherlands now.",
        ] {
            assert!(clubs(place).is_empty(), "{place}: {:?}", clubs(place));
        }
        for team in [
            "The US beat Mexico.",
            "He joined the US squad.",
            "The US and Canada drew.",
            "They lost the Netherlands' 1988 final.",
            "He flew to the Netherlands squad.",
        ] {
            assert_eq!(clubs(team).len(), 1, "{team}");
        }
    }

    #[test]
    fn one_person_written_two_ways_is_named_once() {
        assert_eq!(
            people(
                "Goalkeeper Maxime Crepeau saved twice. Later goalkeeper Maxime Crépeau was \
                 beaten by midfielder Nico O’Reilly, and midfielder Nico O'Reilly scored again."
            ),
            ["Maxime Crépeau", "Nico O'Reilly"]
        );
    }

    #[test]
    fn aliases_accents_and_possessives_map_to_canonical_names() {
        let e = recognize(
            &tiny(),
            "Leverkusen’s win over Koln. Then FC Köln lost to Cologne's rivals in the DFB-Pokal.",
        );
        assert_eq!(e.club, ["1. FC Köln", "Bayer Leverkusen"]);
        assert_eq!(e.competition, ["DFB-Pokal"]);
    }

    #[test]
    fn weak_aliases_need_the_entity_named_strongly() {
        assert!(recognize(&tiny(), "The Reds won again.").club.is_empty());
        assert_eq!(
            recognize(&tiny(), "Liverpool won. The Reds are top.").club,
            ["Liverpool"]
        );
    }

    #[test]
    fn a_weak_alias_in_a_clubs_name_may_be_decided_by_its_people() {
        let g = Gazetteer::parse(
            "club\tSporting CP\tSporting Lisbon\tSporting\tPortugal\n\
             club\tManchester United\tMan Utd\tUnited|the Red Devils\tEngland\n\
             club\tNewcastle United\tNewcastle\t\tEngland\n\
             club\tChelsea\t\tthe Blues\tEngland\n\
             competition\tPrimeira Liga\tLiga Portugal\t\tPortugal\n\
             competition\tPremier League\tEPL\t\tEngland\n\
             person\tGonçalo Inácio\t\t\tSporting CP\n\
             person\tBruno Fernandes\t\t\tManchester United\n\
             person\tLuke Shaw\t\t\tManchester United\n\
             person\tReece James\t\t\tChelsea\n\
             person\tCole Palmer\t\t\tChelsea\n",
        );
        let clubs = |text: &str| recognize(&g, text).club;
        // One of its people and a competition of its country.
        assert_eq!(
            clubs("Sporting want to keep Gonçalo Inácio, the Primeira Liga's best defender."),
            ["Sporting CP"]
        );
        // One of its people alone is not enough.
        assert!(clubs("Sporting want to keep Gonçalo Inácio.").is_empty());
        // Most of the people named play for it.
        assert_eq!(
            clubs("Bruno Fernandes and Luke Shaw said United must improve."),
            ["Manchester United"]
        );
        // Not where another club named holds the word, nor for a nickname.
        assert_eq!(
            clubs("Newcastle United beat them; Bruno Fernandes and Luke Shaw saw United win."),
            ["Newcastle United"]
        );
        assert!(clubs("Reece James and Cole Palmer watched the Blues lose.").is_empty());
        // Nor for the place the club is named after ("in Paris", "Paris 2024").
        assert!(clubs("Bruno Fernandes and Luke Shaw lost in United again.").is_empty());
        assert!(clubs("Bruno Fernandes and Luke Shaw saw United 2026 open.").is_empty());
        assert_eq!(
            clubs("Bruno Fernandes and Luke Shaw saw United 20th in the table."),
            ["Manchester United"]
        );
        assert_eq!(
            clubs("Bruno Fernandes and Luke Shaw starred in United's win."),
            ["Manchester United"]
        );
    }

    #[test]
    fn lower_case_words_are_not_names() {
        assert!(recognize(&tiny(), "the leverkusen way; psg")
            .club
            .is_empty());
        assert_eq!(recognize(&tiny(), "PSG won").club, ["Paris Saint-Germain"]);
    }

    #[test]
    fn unknown_people_need_a_first_name_and_no_outlet_words() {
        assert_eq!(
            people("Sky Germany’s Florian Plettenberg said so."),
            ["Florian Plettenberg"]
        );
        assert_eq!(
            people("Photo by Getty Images. Luke Chambers joined."),
            ["Luke Chambers"]
        );
        assert!(people("Photo by Luke Walker/Getty Images").is_empty());
        assert!(people("Florian Sky Sports reported in March.").is_empty());
        // "I'm" after a name, a player's label before it or a "Player" award after a first
        // name are no part of a name.
        assert_eq!(
            people("Gunner Luke Walker won the Young Player award. Walker said: Luke I'm proud."),
            ["Luke Walker"]
        );
        // Nor the verb of a Title Case headline, nor a demonym after a full name.
        assert_eq!(people("Luke Walker Joins Liverpool"), ["Luke Walker"]);
        assert_eq!(people("Luke Walker Has Suffered A Blow"), ["Luke Walker"]);
        assert_eq!(people("The Luke Walker French connection"), ["Luke Walker"]);
        // A stadium named after someone is no mention of them.
        assert!(people("They won at the Stadio Luke Walker on Sunday.").is_empty());
        // A name in a headline is named in the body too, unless it is the byline.
        assert!(people("Luke Walker Ready For Derby\n\nThe forward trained on Monday.").is_empty());
        assert_eq!(
            people("Luke Walker Ready For Derby\n\nWalker trained on Monday."),
            ["Luke Walker"]
        );
        assert_eq!(
            people("Why the game must change | Luke Walker\n\nThe game is changing."),
            ["Luke Walker"]
        );
        // A role word inside a run of capitalised words ends the name before it; the name
        // after it starts a run of its own.
        assert_eq!(
            people("The Prime Minister Luke Walker said so."),
            ["Luke Walker"]
        );
        // Nor is a capitalised role word mid-sentence.
        assert_eq!(
            people("The club named Head Coach Luke Walker on Monday."),
            ["Luke Walker"]
        );
    }

    #[test]
    fn surnames_resolve_to_the_full_name_or_by_club_context() {
        assert_eq!(
            people("Xabi Alonso spoke. Later Alonso's side won."),
            ["Xabi Alonso"]
        );
        assert_eq!(
            people("Stuttgart centre-back Anton is wanted."),
            ["Waldemar Anton"]
        );
        // Two known Alonsos and no club to tell them apart: no guess.
        assert!(people("Later Alonso said it.").is_empty());
    }

    fn with_teams() -> Gazetteer {
        Gazetteer::parse(
            "club\tFrance\tLes Bleus\tFrance\tnational team\n\
             club\tVfB Stuttgart\tStuttgart\t\tGermany\n\
             person\tLuke Shaw\t\t\tManchester United\n\
             person\tLuke Thomas\t\t\tLeicester City\n\
             person\tSalem Al-Dawsari\tSalem Al Dawsari\t\tAl Hilal\n",
        )
    }

    #[test]
    fn a_country_before_a_year_is_the_tournament_and_before_a_score_the_team() {
        let gazetteer = Gazetteer::parse(
            "club\tQatar\t\tQatar\tnational team\n\
             club\tEcuador\t\tEcuador\tnational team\n\
             competition\tWorld Cup\tFIFA World Cup\t\tinternational\n",
        );
        let clubs = |text: &str| recognize(&gazetteer, text).club;
        assert!(clubs("Title line\nThe World Cup came to Qatar 2022 as planned.").is_empty());
        assert!(clubs("Title line\nThe World Cup of Qatar 1998 was a dream.").is_empty());
        assert_eq!(
            clubs("Title line\nThe World Cup opened with Ecuador 2-0 at the stadium."),
            ["Ecuador"]
        );
    }

    #[test]
    fn a_lower_case_arabic_article_still_reads_as_a_name() {
        let g = with_teams();
        assert_eq!(
            recognize(&g, "Then Salem al-Dawsari scored.").person,
            ["Salem Al-Dawsari"]
        );
        assert!(recognize(&g, "then salem al-dawsari scored")
            .person
            .is_empty());
    }

    #[test]
    fn a_short_forename_names_the_known_player_where_his_club_is_named() {
        let gazetteer = Gazetteer::parse(
            "club\tLiverpool\t\tthe Reds\tEngland\n\
             club\tReading\t\t\tEngland\n\
             person\tAndrew Robertson\t\t\tLiverpool\n\
             person\tAndy Carroll\t\t\tReading\n",
        );
        let people = |text: &str| recognize(&gazetteer, text).person;
        assert_eq!(
            people("Title line\nLiverpool captain Andy Robertson was injured. Robertson is out."),
            ["Andrew Robertson"]
        );
        // No club of his named: someone else of that name.
        assert_eq!(
            people("Title line\nThe singer Andy Robertson was on stage. Robertson sang."),
            ["Andy Robertson"]
        );
        // The known player's forename is the short one, the article's the formal one.
        assert_eq!(
            people("Title line\nLiverpool beat Reading. Andrew Carroll scored for Reading."),
            ["Andy Carroll"]
        );
    }

    #[test]
    fn ordinals_rounds_and_officials_are_no_part_of_a_name() {
        assert_eq!(
            people("Title line\nFlorian Wirtz won his Eighth Ballon d'Or on Monday."),
            ["Florian Wirtz"]
        );
        assert_eq!(
            people("Title line\nThe Fourth Official Luke Smith showed the board."),
            ["Luke Smith"]
        );
        assert!(
            people("Title line\nThey reached the Quarter Final of the Kick Off Show.").is_empty()
        );
    }

    #[test]
    fn a_sentence_initial_role_word_is_not_part_of_the_name() {
        assert_eq!(
            people("It was late.\nGoalkeeper Cata Coll is flourishing."),
            ["Cata Coll"]
        );
        assert_eq!(
            people("Title line\nBy Andy Hampson, PA\nIt rained."),
            ["Andy Hampson"]
        );
        // A second title after a role word is not a name either.
        assert!(people("Title\nChief Constable Roberts was deployed.").is_empty());
        // Titles of judges, officials, parties and online trades, and England's players.
        for role in ["Justice", "Commissioner", "Democrat", "YouTuber", "Lioness"] {
            assert_eq!(
                people(&format!(
                    "Title line\nThey heard {role} Luke Smith on Monday."
                )),
                ["Luke Smith"],
                "{role}"
            );
        }
    }

    #[test]
    fn an_age_or_a_pair_word_introduces_a_name() {
        assert_eq!(
            people("It followed the death of 22-year-old Mahsa Amini in custody."),
            ["Mahsa Amini"]
        );
        assert_eq!(
            people("She joins Japanese duo Aya Miyama and Homare Sawa on the list."),
            ["Aya Miyama", "Homare Sawa"]
        );
    }

    #[test]
    fn the_next_items_of_a_list_of_people_are_people() {
        let g = with_teams();
        assert_eq!(
            recognize(
                &g,
                "The squad: Luke Shaw, Elise Kellond-Knight and Banri Kanaizumi are out."
            )
            .person,
            ["Banri Kanaizumi", "Elise Kellond-Knight", "Luke Shaw"]
        );
        // Not after something that is not a person, and not a particle-led surname.
        assert!(
            recognize(&g, "The tour: Stuttgart, Elise Kellond-Knight went.")
                .person
                .is_empty()
        );
        assert_eq!(
            recognize(&g, "The pair Luke Shaw and De Bruyne were out.").person,
            ["Luke Shaw"]
        );
    }

    #[test]
    fn a_national_teams_possessive_introduces_its_player() {
        let g = with_teams();
        assert_eq!(
            recognize(
                &g,
                "Les Bleus lost, and France's Marie-Antoinette Katoto was out."
            )
            .person,
            ["Marie-Antoinette Katoto"]
        );
        // A club's possessive names venues and plans as often as players.
        assert!(recognize(&g, "We saw Stuttgart's Zorba Quill open.")
            .person
            .is_empty());
    }

    #[test]
    fn an_honorific_is_not_part_of_the_name() {
        assert_eq!(
            people("The tribute to Sir Bobby Robson was moving."),
            ["Bobby Robson"]
        );
        assert_eq!(
            people("Headline\nThen Mr Luke Walker spoke."),
            ["Luke Walker"]
        );
        assert!(people("The Sir was moving.").is_empty());
        assert_eq!(
            people("Science\nThe study was led by Professor Luke Corcione of Naples."),
            ["Luke Corcione"]
        );
        // Other languages' titles too: "Herr Pep" was once a person of its own.
        assert_eq!(
            people("Munich\nThe fans sang for Herr Luke Walker. Then Monsieur Luke Corcione came."),
            ["Luke Corcione", "Luke Walker"]
        );
    }

    #[test]
    fn a_surname_named_before_the_full_name_is_that_person() {
        // The surname comes first, the full name later; both are found as runs of names
        // (an article starts a surname, not a surname alone as a particle does).
        assert_eq!(
            people("Fulham news\nThe players were shielded from owner Al Fayed. Owner Mohamed Al Fayed denied it."),
            ["Mohamed Al Fayed"]
        );
        assert_eq!(
            people("Monaco news\nThe goal was striker Ben Yedder's. Striker Wissam Ben Yedder scored again."),
            ["Wissam Ben Yedder"]
        );
        // Alone, such a surname is how the person is named.
        assert_eq!(
            people("Fulham news\nThe players were shielded from owner Al Fayed."),
            ["Al Fayed"]
        );
    }

    #[test]
    fn a_capitalised_particle_starts_a_surname_alone() {
        let g = Gazetteer::parse(
            "club\tLiverpool\t\tthe Reds\tEngland\n\
             person\tVirgil van Dijk\t\t\tLiverpool\n\
             person\tJoe van der Sar\t\t\tAlmere City\n",
        );
        let people = |text: &str| recognize(&g, text).person;
        // A club of his is named: the known person of that surname.
        assert_eq!(
            people("Liverpool news\nLiverpool won as defender Van Dijk scored twice."),
            ["Virgil van Dijk"]
        );
        // Before the full name (an unknown person): the full name.
        assert_eq!(
            recognize(&tiny(), "Spurs news\nHe named defender Van de Ven as the key. Defender Micky van de Ven is wanted.").person,
            ["Micky van de Ven"]
        );
        // No club of the only known "van der Sar": a surname alone is no one.
        assert!(people("United news\nIt was goalkeeper Van der Sar who saved it.").is_empty());
        assert!(people("Spain news\nHead coach De la Fuente said so.").is_empty());
    }

    #[test]
    fn an_adjective_made_of_a_name_is_that_name() {
        assert_eq!(
            people("Goal of the week\nHe scored a Matt Le Tissier-esque free kick."),
            ["Matt Le Tissier"]
        );
        assert_eq!(
            people("Press\nIt was a Mike Bassett-style press conference."),
            ["Mike Bassett"]
        );
        // A place before "-born" is no part of a name, and what is left must end one.
        assert_eq!(
            people("Art\nThe photographer Hannah Starkey Belfast-born as she is."),
            ["Hannah Starkey"]
        );
        assert!(people("Transfers\nNewcastle have the Rio De Janeiro-born ace.").is_empty());
        assert!(people("Transfers\nThe star Luke Al Cairo-born as he is.").is_empty());
        // The checks read the name without its ending: the surname in the body, in any case.
        assert_eq!(
            people("Matt Le Tissier-esque strike wins it\nA goal Le Tissier would have loved."),
            ["Matt Le Tissier"]
        );
        assert_eq!(
            people("A Mike Bassett-Style Show\nIt was Bassett all over."),
            ["Mike Bassett"]
        );
        // Hyphenated names keep both parts.
        assert_eq!(
            people("Team news\nMidfielder Luke Kellond-Knight and Luke Heung-min played."),
            ["Luke Heung-min", "Luke Kellond-Knight"]
        );
    }

    #[test]
    fn a_lone_surname_after_the_or_naming_a_place_is_no_person() {
        let g = Gazetteer::parse(
            "club\tChelsea\t\t\tEngland\n\
             club\tMelbourne City\t\t\tAustralia\n\
             person\tMax Melbourne\t\t\tLincoln City\n\
             person\tMungo Bridge\t\t\tStirling Albion\n\
             person\tMauricio Pochettino\t\t\tChelsea\n",
        );
        let people = |text: &str| recognize(&g, text).person;
        // The only known Bridge plays elsewhere: "the Bridge" is the ground.
        assert!(people("Match report\nThe crowd at the Bridge sang all night.").is_empty());
        // Nor a word of a club's name: the city, not the only known person of that name.
        assert!(people("Travel\nThe squad flew to Melbourne on Sunday.").is_empty());
        // Nor after a word no name holds, anywhere in the article ("Stamford Bridge").
        assert!(
            people("Match report\nThey came to Stamford Bridge. A sold-out Bridge sang.")
                .is_empty()
        );
        // Capitalised mid-sentence and not after "the": the only known Bridge.
        assert_eq!(
            people("Match report\nThe crowd sang for Bridge all night."),
            ["Mungo Bridge"]
        );
        // With a club of his named, "the Pochettino years" are his.
        assert_eq!(
            people("Chelsea\nChelsea fans recall the Pochettino years fondly."),
            ["Mauricio Pochettino"]
        );
    }

    #[test]
    fn an_ordinary_word_is_no_lone_surname_even_beside_the_persons_club() {
        let g = Gazetteer::parse(
            "club\tBrighton & Hove Albion\tBrighton\t\tEngland\n\
             club\tAston Villa\tVilla\t\tEngland\n\
             club\tChelsea\t\t\tEngland\n\
             person\tSolly March\t\t\tBrighton & Hove Albion\n\
             person\tMarvin Park\t\t\tAston Villa\n\
             person\tShay Given\t\t\tAston Villa\n\
             person\tMungo Bridge\t\t\tChelsea\n",
        );
        let people = |text: &str| recognize(&g, text).person;
        // A month, a ground, an ordinary word opening a sentence that the text also writes
        // in lower case, a word after one that is never a name ("Stamford Bridge").
        for text in [
            "Fixtures\nBrighton will play in March. The Seagulls are ready.",
            "Fixtures\nAston Villa host Chelsea at Villa Park on Sunday.",
            "Fixtures\nGiven how Aston Villa played, a draw was given.",
            "Fixtures\nChelsea won at Stamford Bridge. The Bridge was full.",
        ] {
            assert!(people(text).is_empty(), "{text}: {:?}", people(text));
        }
        // Mid-sentence, beside his club, a surname is still the man.
        assert_eq!(
            people("Fixtures\nAston Villa won again and Given saved a penalty."),
            ["Shay Given"]
        );
        // A month alone is never a surname; the full name still names him.
        assert_eq!(
            people("Fixtures\nBrighton won; Solly March scored twice."),
            ["Solly March"]
        );
    }

    #[test]
    fn a_hyphenated_surname_written_without_its_hyphen_is_the_known_person() {
        let g = Gazetteer::parse(
            "club\tLiverpool\t\t\tEngland\n\
             person\tTrent Alexander-Arnold\t\t\tLiverpool\n\
             person\tAlexander Isak\t\t\tNewcastle United\n\
             person\tAlexander Sørloth\t\t\tAtlético Madrid\n",
        );
        let people = |text: &str| recognize(&g, text).person;
        assert_eq!(
            people("Match report\nLiverpool won. Alexander Arnold crossed for the winner."),
            ["Trent Alexander-Arnold"]
        );
    }

    #[test]
    fn an_abbreviated_surname_is_not_a_name() {
        assert!(people("Is he keen? Daniel O\nArteta is eager.").is_empty());
    }

    #[test]
    fn a_cricket_or_rugby_story_names_no_football_team_or_competition() {
        let gazetteer = Gazetteer::parse(
            "club\tEngland\t\t\tnational team\n\
             club\tAustralia\t\t\tnational team\n\
             club\tLeicester City\tLeicester\t\tEngland\n\
             competition\tWorld Cup\tFIFA World Cup\t\tinternational\n\
             person\tJames Maddison\t\t\tLeicester City\n",
        );
        let cricket = "England beat Australia by four wickets to win the T20 World Cup. Ben \
                       Stokes hit the winning runs after the bowlers had kept Australia to \
                       137 from their 20 overs. It was England's first World Cup since 2019.";
        let found = recognize(&gazetteer, cricket);
        assert!(found.club.is_empty(), "{found:?}");
        assert!(found.competition.is_empty(), "{found:?}");
        assert_eq!(found.person, ["Ben Stokes"]);
        let rugby = "Leicester won the scrum battle and the lineout too. England's rugby \
                     coach watched as Leicester kicked on; rugby at its best.";
        assert!(recognize(&gazetteer, rugby).club.is_empty());
        // A football report beside a few cricket words (a column of scores) is football.
        let football = "England beat Australia 2-0 at the World Cup. The striker scored a \
                        penalty and the goalkeeper saved another penalty; James Maddison's goal \
                        sealed it. Elsewhere: cricket, four wickets, 20 overs, the bowlers.";
        let found = recognize(&gazetteer, football);
        assert_eq!(found.club, ["Australia", "England"]);
        assert_eq!(found.competition, ["World Cup"]);
    }

    #[test]
    fn a_generic_competition_in_a_womens_football_story_is_the_womens_one() {
        let gazetteer = Gazetteer::parse(
            "competition\tWorld Cup\tFIFA World Cup\t\tinternational\n\
             competition\tWomen's World Cup\tFIFA Women's World Cup\t\tinternational\n\
             competition\tEuropean Championship\tUEFA Euro|Euro 2024\tEuro\tinternational\n\
             competition\tWomen's Euro\tUEFA Women's Euro\t\tinternational\n\
             competition\tFA Cup\t\t\tEngland\n\
             competition\tWomen's FA Cup\t\t\tEngland\n\
             competition\tLeague Cup\t\t\tScotland\n\
             competition\tWomen's League Cup\t\t\tEngland\n",
        );
        let competitions = |text: &str| recognize(&gazetteer, text).competition;
        let womens = "The striker said she was proud of the women's team. She scored twice in \
                      the World Cup and her goal won the FA Cup.";
        assert_eq!(
            competitions(womens),
            ["Women's FA Cup", "Women's World Cup"]
        );
        // The same sentences about a man, or without the word "women": the men's competitions.
        let mens = womens
            .replace("she", "he")
            .replace("She", "He")
            .replace("her", "his");
        assert_eq!(competitions(&mens), ["FA Cup", "World Cup"]);
        let no_women = womens.replace("women's team", "team");
        assert_eq!(competitions(&no_women), ["FA Cup", "World Cup"]);
        // Beside the women's name, the generic one is the women's competition too; "UEFA
        // Euro" is "UEFA Women's Euro" without "Women's", so generic; a League Cup of another
        // country has no women's counterpart.
        let both = format!("{womens} The Women's World Cup follows UEFA Euro and the League Cup.");
        assert_eq!(
            competitions(&both),
            [
                "League Cup",
                "Women's Euro",
                "Women's FA Cup",
                "Women's World Cup"
            ]
        );
        // A name only the men's competition has ("Euro 2024") stays the men's competition,
        // and then so does its generic name.
        let mens_euro = format!("{womens} The men lost the Euro 2024 final.");
        assert!(competitions(&mens_euro).contains(&"European Championship".to_owned()));
        let mens_euro = format!("{mens_euro} UEFA Euro rights were sold.");
        assert!(!competitions(&mens_euro).contains(&"Women's Euro".to_owned()));
    }
}
