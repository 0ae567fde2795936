//! Entity recognition in one article: gazetteer matches, unknown people from capitalised
//! name sequences, and surnames resolved to full names.
//!
//! 1. The folded text is scanned once by the gazetteer automaton; a match counts only on word
//!    boundaries and when the original is capitalised like a name ("Reds", not "reds").
//!    Strong aliases name their entity; an alias shared by several entities is decided by
//!    what else the article names; weak aliases ("the Reds") only count for entities the
//!    article also names strongly.
//! 2. Runs of capitalised words outside those matches that start with a known first name
//!    ("Florian Plettenberg") are people; runs containing months, places, outlets or
//!    organisation words are not.
//! 3. A lone surname ("Anton", "Alonso's") resolves to the full name used earlier, or to the
//!    one known person of that surname whose club the article names.

use super::fold::{fold, fold_with_offsets};
use super::gazetteer::{surname_keys, Gazetteer, Target, PARTICLES};
use super::{Entities, EntityKind};
use std::collections::{BTreeSet, HashMap, HashSet};

/// A word of the original text.
#[derive(Debug, Clone)]
struct Word<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    /// Sentence-initial (first word of the text, or after `.`, `!`, `?`, `:` or a line break).
    sentence_start: bool,
    /// Only spaces (no punctuation, no line break) separate it from the previous word.
    joined: bool,
    /// Ends in a possessive `'s`.
    possessive: bool,
}

fn push_word<'t>(
    out: &mut Vec<Word<'t>>,
    text: &'t str,
    s: usize,
    e: usize,
    brk: bool,
    sent: bool,
) {
    let raw = &text[s..e];
    let trimmed = raw.trim_end_matches(['-', '\'', '’']);
    let (stem, possessive) = match trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
    {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (trimmed.trim_start_matches(['\'', '’', '-']), false),
    };
    if stem.is_empty() {
        return;
    }
    let offset = s + raw.find(stem).unwrap_or(0);
    out.push(Word {
        text: stem,
        start: offset,
        end: offset + stem.len(),
        sentence_start: sent,
        joined: !brk,
        possessive,
    });
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut gap_has_break = true;
    let mut gap_has_sentence_end = true;
    let mut start: Option<usize> = None;
    let is_word_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’');
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            push_word(&mut out, text, s, i, gap_has_break, gap_has_sentence_end);
            gap_has_break = false;
            gap_has_sentence_end = false;
        }
        if c != ' ' {
            gap_has_break = true;
        }
        if matches!(c, '.' | '!' | '?' | ':' | '\n' | '"' | '“' | '”') {
            gap_has_sentence_end = true;
        }
    }
    if let Some(s) = start {
        push_word(
            &mut out,
            text,
            s,
            text.len(),
            gap_has_break,
            gap_has_sentence_end,
        );
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// True when the original text of an alias match is written like a name.
fn looks_like_name(original: &str, acronym: bool) -> bool {
    if acronym {
        return original
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase());
    }
    let mut parts: Vec<&str> = original.split_whitespace().collect();
    if parts.len() > 1 && parts[0].eq_ignore_ascii_case("the") {
        parts.remove(0);
    }
    match (parts.first(), parts.last()) {
        (Some(first), Some(last)) => is_capitalised(first) && is_capitalised(last),
        _ => false,
    }
}

/// Recognises the entities of one article text (headline and body joined).
pub fn recognize(gazetteer: &Gazetteer, text: &str) -> Entities {
    let folded = fold_with_offsets(text);
    let bytes = folded.text.as_bytes();
    let is_word_byte = |b: u8| b.is_ascii_alphanumeric() || b >= 0x80;

    // 1. Gazetteer matches on word boundaries, longest first, no overlaps.
    let mut candidates: Vec<(usize, usize, usize)> = gazetteer
        .automaton
        .find_overlapping_iter(&folded.text)
        .filter(|m| {
            let before_ok = m.start() == 0 || !is_word_byte(bytes[m.start() - 1]);
            let after_ok = m.end() == bytes.len() || !is_word_byte(bytes[m.end()]);
            before_ok && after_ok
        })
        .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
        .collect();
    candidates.sort_by(|a, b| a.0.cmp(&b.0).then((b.1 - b.0).cmp(&(a.1 - a.0))));
    let mut taken_until = 0;
    let mut matches: Vec<(usize, usize, &[Target])> = Vec::new();
    for (start, end, pid) in candidates {
        if start < taken_until {
            continue;
        }
        let (os, oe) = folded.original_range(start, end);
        let pattern = &gazetteer.patterns[pid];
        if !looks_like_name(&text[os..oe], pattern.acronym) {
            continue;
        }
        taken_until = end;
        matches.push((os, oe, &pattern.targets));
    }

    let mut accepted: BTreeSet<u32> = BTreeSet::new();
    let mut consumed: Vec<(usize, usize)> = Vec::new();
    let mut ambiguous: Vec<&[Target]> = Vec::new();
    let mut weak: Vec<(usize, usize, &[Target])> = Vec::new();
    for (start, end, targets) in &matches {
        let strong: Vec<&Target> = targets.iter().filter(|t| t.strong).collect();
        match strong.as_slice() {
            [only] => {
                accepted.insert(only.entry);
                consumed.push((*start, *end));
            }
            [] => weak.push((*start, *end, *targets)),
            _ => {
                ambiguous.push(targets);
                consumed.push((*start, *end));
            }
        }
    }
    // Ambiguous strong aliases: prefer an entity already named, then one whose context the
    // article names; never guess when nothing supports either reading.
    for targets in ambiguous {
        let names: HashSet<&str> = accepted
            .iter()
            .map(|id| gazetteer.entry(*id).canonical.as_str())
            .collect();
        let strong = targets.iter().filter(|t| t.strong);
        let chosen = strong
            .clone()
            .find(|t| accepted.contains(&t.entry))
            .or_else(|| {
                strong
                    .clone()
                    .find(|t| names.contains(gazetteer.entry(t.entry).context.as_str()))
            });
        if let Some(target) = chosen {
            accepted.insert(target.entry);
        }
    }

    // Weak aliases ("the Reds") only mention entities the article names strongly.
    for (start, end, targets) in weak {
        if targets.iter().any(|t| accepted.contains(&t.entry)) {
            consumed.push((start, end));
        }
    }

    let mut entities = Entities::default();
    let mut persons: Vec<String> = Vec::new();
    for id in &accepted {
        let entry = gazetteer.entry(*id);
        if entry.kind == EntityKind::Person {
            persons.push(entry.canonical.clone());
        } else {
            entities
                .of_kind_mut(entry.kind)
                .push(entry.canonical.clone());
        }
    }

    // 2. Unknown people: capitalised runs starting with a known first name.
    let words = words(text);
    let inside = |w: &Word<'_>| consumed.iter().any(|&(s, e)| w.start < e && w.end > s);
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        let folded_word = fold(w.text);
        if inside(w)
            || !is_capitalised(w.text)
            || !gazetteer.first_names.contains(&folded_word)
            || w.possessive
            || is_photo_credit(&text[..w.start])
        {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_capitalised = i;
        while j < words.len() && j - i < 5 {
            let next = &words[j];
            if !next.joined || inside(next) {
                break;
            }
            let particle = PARTICLES.contains(&next.text);
            if !particle && !is_capitalised(next.text) {
                break;
            }
            if !particle {
                last_capitalised = j;
            }
            j += 1;
            if next.possessive {
                break;
            }
        }
        if last_capitalised > i {
            let name_words: Vec<&str> =
                words[i..=last_capitalised].iter().map(|w| w.text).collect();
            if name_words.iter().all(|w| is_name_word(w)) {
                persons.push(name_words.join(" "));
            }
            i = last_capitalised + 1;
        } else {
            i += 1;
        }
    }

    // 3. Lone surnames: the full name used in this article, or a known person whose club the
    // article names.
    let mut by_surname: HashMap<String, Vec<String>> = HashMap::new();
    for name in &persons {
        let folded_words: Vec<String> = fold(name).split_whitespace().map(str::to_owned).collect();
        for key in surname_keys(&folded_words) {
            by_surname.entry(key).or_default().push(name.clone());
        }
    }
    let clubs: HashSet<&str> = entities.club.iter().map(String::as_str).collect();
    let mut resolved: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if inside(w) || !is_capitalised(w.text) || w.text.len() < 3 {
            continue;
        }
        let joined_to_capitalised =
            |other: Option<&Word<'_>>| other.is_some_and(|o| is_capitalised(o.text) && !inside(o));
        if (words.get(k + 1).is_some_and(|n| n.joined) && joined_to_capitalised(words.get(k + 1)))
            || (w.joined && k > 0 && joined_to_capitalised(words.get(k - 1)))
        {
            continue; // part of a longer capitalised run
        }
        let key = fold(w.text);
        if by_surname.contains_key(&key) {
            continue; // a mention of someone already named
        }
        if w.sentence_start && COMMON_WORDS.contains(&key.as_str()) {
            continue;
        }
        if let Some(ids) = gazetteer.surnames.get(&key) {
            let mut in_context = ids
                .iter()
                .map(|id| gazetteer.entry(*id))
                .filter(|e| !e.context.is_empty() && clubs.contains(e.context.as_str()));
            if let (Some(person), None) = (in_context.next(), in_context.next()) {
                resolved.push(person.canonical.clone());
            }
        }
    }
    persons.extend(resolved);

    entities.person = persons;
    for kind in EntityKind::ALL {
        let names = entities.of_kind_mut(kind);
        names.sort();
        names.dedup();
    }
    entities
}

/// True when the text before a name ends in a photo credit ("Photo by "): credits name
/// photographers, not what the article is about.
fn is_photo_credit(before: &str) -> bool {
    let start = before.len().saturating_sub(24);
    let start = (start..before.len())
        .find(|&i| before.is_char_boundary(i))
        .unwrap_or(before.len());
    let tail = fold(&before[start..]);
    let tail = tail.trim_end();
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
    .any(|cue| tail.ends_with(cue))
}

/// A word that can be part of a person's name: not a month, weekday, place, outlet,
/// organisation or role word.
fn is_name_word(word: &str) -> bool {
    let folded = fold(word);
    !NOT_NAME_WORDS.contains(&folded.as_str())
        && !word.chars().any(|c| c.is_ascii_digit())
        && !(word.len() > 1 && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
}

/// Folded words that never belong to a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "photo",
    "photograph",
    "images",
    "getty",
    "reuters",
    "afp",
    "press",
    "association",
    "sky",
    "sports",
    "sport",
    "news",
    "bbc",
    "espn",
    "teamtalk",
    "times",
    "mail",
    "mirror",
    "express",
    "telegraph",
    "guardian",
    "independent",
    "athletic",
    "post",
    "bild",
    "kicker",
    "marca",
    "media",
    "tv",
    "radio",
    "stadium",
    "park",
    "arena",
    "road",
    "lane",
    "street",
    "ground",
    "airport",
    "hotel",
    "university",
    "college",
    "school",
    "group",
    "league",
    "cup",
    "fc",
    "afc",
    "united",
    "city",
    "town",
    "rovers",
    "wanderers",
    "albion",
    "county",
    "club",
    "academy",
    "women",
    "under",
    "germany",
    "england",
    "france",
    "spain",
    "italy",
    "portugal",
    "brazil",
    "argentina",
    "netherlands",
    "europe",
    "european",
    "world",
    "premier",
    "championship",
    "twitter",
    "instagram",
    "whatsapp",
];

/// Sentence-initial capitalised words that are not surnames.
const COMMON_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "but",
    "and",
    "however",
    "according",
    "as",
    "while",
    "if",
    "when",
    "after",
    "before",
    "with",
    "without",
    "for",
    "in",
    "on",
    "at",
    "it",
    "he",
    "she",
    "they",
    "we",
    "this",
    "that",
    "there",
    "his",
    "her",
    "their",
    "also",
    "now",
    "then",
    "still",
    "yet",
    "meanwhile",
    "indeed",
    "despite",
    "although",
    "so",
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

    fn people(text: &str) -> Vec<String> {
        recognize(&tiny(), text).person
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
}
