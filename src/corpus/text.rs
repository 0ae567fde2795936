//! Plain-text articles: an optional ` date YYYY-MM-DD ` prefix, then the text.

use super::{
    decode_utf8, parse_date, Article, ParsedArticle, RawRecord, Skip, SkipReason, Warning,
    WarningKind,
};

/// Parses a whole plain-text article file.
pub(super) fn parse(record: &RawRecord) -> Result<ParsedArticle, Skip> {
    let skip = |reason| Skip {
        location: record.location.clone(),
        reason,
    };
    if looks_binary(&record.bytes) {
        return Err(skip(SkipReason::Binary));
    }
    let mut warnings = Vec::new();
    let (text, repaired) = decode_utf8(&record.bytes);
    if repaired {
        warnings.push(Warning {
            location: record.location.clone(),
            kind: WarningKind::InvalidUtf8,
            message: "invalid UTF-8 repaired (bad bytes replaced with U+FFFD)".into(),
        });
    }
    let text = text.trim_start_matches('\u{feff}');
    let (date_text, rest) = split_date_prefix(text);
    let date = date_text.and_then(|raw| match parse_date(raw) {
        Ok(date) => Some(date),
        Err(problem) => {
            let problem = problem.describe(raw, "YYYY-MM-DD");
            warnings.push(Warning {
                location: record.location.clone(),
                kind: WarningKind::Undated,
                message: format!("{problem}; article kept undated"),
            });
            None
        }
    });
    let body = rest.trim();
    if body.is_empty() {
        return Err(skip(SkipReason::EmptyBody));
    }
    let id = record
        .location
        .path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(ParsedArticle {
        article: Article {
            id,
            title: first_sentence(body).to_owned(),
            body: body.to_owned(),
            date,
            source: None,
            url: None,
            location: record.location.clone(),
        },
        warnings,
    })
}

/// A file is taken as binary when its first 8 KiB hold a NUL byte.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

/// Splits ` date XXXX ` off the start of the text: returns the date word and the rest.
fn split_date_prefix(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start_matches([' ', '\t']);
    let Some(after) = trimmed.strip_prefix("date ") else {
        return (None, text);
    };
    let after = after.trim_start_matches(' ');
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let (word, rest) = after.split_at(end);
    if word.is_empty() || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return (None, text);
    }
    (Some(word), rest)
}

/// The first sentence of a text: up to the first `.`, `!` or `?` followed by white space, or
/// the first line break, whichever comes first (at most about 300 bytes, cut at a word).
pub fn first_sentence(text: &str) -> &str {
    const MAX: usize = 300;
    let text = text.trim_start();
    let mut chars = text.char_indices().peekable();
    let mut end = text.len();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            end = i;
            break;
        }
        if matches!(c, '.' | '!' | '?') {
            let next = chars.peek().map(|&(_, n)| n);
            if next.is_none_or(char::is_whitespace) && !is_initial(&text[..i]) {
                end = i + c.len_utf8();
                break;
            }
        }
    }
    let sentence = text[..end].trim_end();
    if sentence.len() <= MAX {
        return sentence;
    }
    let mut cut = MAX;
    while !sentence.is_char_boundary(cut) {
        cut -= 1;
    }
    match sentence[..cut].rfind(' ') {
        Some(space) => &sentence[..space],
        None => &sentence[..cut],
    }
}

/// True when the text before a full stop ends in a lone capital ("J." in "J. Smith").
fn is_initial(before: &str) -> bool {
    let mut rev = before.chars().rev();
    matches!((rev.next(), rev.next()), (Some(c), prev) if c.is_uppercase() && prev.is_none_or(|p| !p.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_terminators_not_decimals() {
        assert_eq!(
            first_sentence("A fee of €22.5m was paid. Then more."),
            "A fee of €22.5m was paid."
        );
        assert_eq!(first_sentence("Headline here\nBody text."), "Headline here");
        assert_eq!(first_sentence("Is it over? Yes."), "Is it over?");
        assert_eq!(first_sentence("J. Smith scored. Then"), "J. Smith scored.");
        assert_eq!(first_sentence("No terminator"), "No terminator");
    }

    #[test]
    fn date_prefix_is_split_off() {
        assert_eq!(
            split_date_prefix(" date 2024-06-18 Xabi"),
            (Some("2024-06-18"), " Xabi")
        );
        assert_eq!(
            split_date_prefix("Liverpool's pursuit"),
            (None, "Liverpool's pursuit")
        );
        assert_eq!(
            split_date_prefix("date night at Anfield"),
            (None, "date night at Anfield")
        );
    }
}
