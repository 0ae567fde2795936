//! JSON Lines articles: one object a line with `id, title, date, body, url, source`.

use super::text::first_sentence;
use super::{
    decode_utf8, parse_date, Article, ParsedArticle, RawRecord, Skip, SkipReason, Warning,
    WarningKind,
};
use serde_json::{Map, Value};

/// Parses one line of a JSON Lines file.
pub(super) fn parse(record: &RawRecord) -> Result<ParsedArticle, Skip> {
    let location = &record.location;
    let skip = |reason| Skip {
        location: location.clone(),
        reason,
    };
    let warn = |kind, message: String| Warning {
        location: location.clone(),
        kind,
        message,
    };
    let mut warnings = Vec::new();
    let (line, repaired) = decode_utf8(&record.bytes);
    if repaired {
        warnings.push(warn(
            WarningKind::InvalidUtf8,
            "invalid UTF-8 repaired (bad bytes replaced with U+FFFD)".into(),
        ));
    }
    // A byte-order mark (files saved by some Windows editors start with one) is no JSON.
    let json = line.strip_prefix('\u{feff}').unwrap_or(&line);
    // Half a UTF-16 pair escaped alone ("\ud800") is no character: JSON parsers refuse the
    // line. It is replaced by U+FFFD, as invalid UTF-8 is, and the article kept.
    let repaired_escapes = lone_surrogates_replaced(json);
    if repaired_escapes.is_some() {
        warnings.push(warn(
            WarningKind::LoneSurrogate,
            "a \\u escape of half a UTF-16 pair repaired (replaced with U+FFFD)".into(),
        ));
    }
    let json = repaired_escapes.as_deref().unwrap_or(json);
    let object: Map<String, Value> = match serde_json::from_str(json) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            return Err(skip(SkipReason::InvalidJson(format!(
                "expected an object, found {}",
                json_kind(&other)
            ))))
        }
        Err(e) => return Err(skip(SkipReason::InvalidJson(json_error(&e)))),
    };
    let text_field = |name: &str, warnings: &mut Vec<Warning>| -> Option<String> {
        match object.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Some(Value::Number(n)) if name == "id" => Some(n.to_string()),
            Some(other) => {
                warnings.push(warn(
                    WarningKind::IgnoredField,
                    format!(
                        "field {name:?} is {} not a string; ignored",
                        json_kind(other)
                    ),
                ));
                None
            }
        }
    };
    let body = match object.get("body") {
        None | Some(Value::Null) => return Err(skip(SkipReason::NoBody)),
        Some(Value::String(_)) => {
            text_field("body", &mut warnings).ok_or_else(|| skip(SkipReason::EmptyBody))?
        }
        Some(other) => return Err(skip(SkipReason::BodyNotText(json_kind(other)))),
    };
    let id = text_field("id", &mut warnings).unwrap_or_else(|| {
        let stem = location
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{stem}:{}", location.line.unwrap_or(0))
    });
    let title =
        text_field("title", &mut warnings).unwrap_or_else(|| first_sentence(&body).to_owned());
    let date = text_field("date", &mut warnings).and_then(|raw| match parse_date(&raw) {
        Ok(date) => Some(date),
        Err(problem) => {
            let problem = problem.describe(&raw, "YYYY-MM-DD or RFC 3339");
            warnings.push(warn(
                WarningKind::Undated,
                format!("{problem}; article kept undated"),
            ));
            None
        }
    });
    let source = text_field("source", &mut warnings);
    let url = text_field("url", &mut warnings);
    Ok(ParsedArticle {
        article: Article {
            id,
            title,
            body,
            date,
            source,
            url,
            location: location.clone(),
        },
        warnings,
    })
}

/// The JSON text with every `\u` escape of a lone UTF-16 surrogate (a high one not
/// followed by a low one, or a low one alone) replaced by `\ufffd`; `None` when it has none.
/// An escaped backslash is no escape ("\\\\ud800" is text).
fn lone_surrogates_replaced(json: &str) -> Option<String> {
    if !json.contains("\\u") {
        return None;
    }
    let bytes = json.as_bytes();
    // The code unit of a `\uXXXX` escape at byte `at`, if one is there.
    let unit = |at: usize| -> Option<u16> {
        let hex = bytes.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' {
            return None;
        }
        u16::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let (mut out, mut changed, mut copied, mut i) = (String::new(), false, 0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let lone = match unit(i) {
            Some(0xD800..=0xDBFF) => {
                if unit(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low)) {
                    i += 12;
                    continue;
                }
                true
            }
            Some(0xDC00..=0xDFFF) => true,
            _ => false,
        };
        if lone {
            out.push_str(&json[copied..i]);
            out.push_str("\\ufffd");
            i += 6;
            copied = i;
            changed = true;
        } else {
            // Any other escape, the escaped character included ("\\\\" then "u...").
            i += 2;
        }
    }
    changed.then(|| {
        out.push_str(&json[copied..]);
        out
    })
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde's message without its "at line 1": the line is the file's, named before it.
fn json_error(error: &serde_json::Error) -> String {
    let text = error.to_string();
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    format!("{message} at column {}", error.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::source::Format;
    use crate::corpus::Location;

    fn record(line: &str) -> RawRecord {
        RawRecord {
            location: Location {
                path: "feed.jsonl".into(),
                line: Some(3),
            },
            format: Format::JsonLine,
            bytes: line.as_bytes().to_vec(),
        }
    }

    #[test]
    fn reads_all_fields_and_ignores_unknown_ones() {
        let parsed = parse(&record(
            r#"{"id":"a1","title":"T","date":"2024-01-02T10:00:00Z","body":"B.","url":"u","source":"s","extra":1}"#,
        ))
        .expect("valid line");
        assert!(parsed.warnings.is_empty());
        let a = parsed.article;
        assert_eq!(
            (a.id.as_str(), a.title.as_str(), a.body.as_str()),
            ("a1", "T", "B.")
        );
        assert_eq!(a.date.map(|d| d.day()).as_deref(), Some("2024-01-02"));
        assert_eq!(
            (a.url.as_deref(), a.source.as_deref()),
            (Some("u"), Some("s"))
        );
    }

    #[test]
    fn bad_date_is_a_warning_with_file_and_line() {
        let parsed =
            parse(&record(r#"{"body":"Text here. More.","date":"12 Feb"}"#)).expect("kept");
        assert_eq!(parsed.article.date, None);
        assert_eq!(parsed.article.id, "feed.jsonl:3");
        assert_eq!(parsed.article.title, "Text here.");
        let warning = parsed.warnings[0].to_string();
        assert!(
            warning.contains("feed.jsonl line 3") && warning.contains("\"12 Feb\""),
            "{warning}"
        );
    }

    #[test]
    fn a_lone_surrogate_escape_is_repaired_with_a_warning() {
        let parsed = parse(&record(
            r#"{"id":"s","body":"Bad \ud800 half, good \ud83d\ude00 pair, text \\ud800 kept"}"#,
        ))
        .expect("kept");
        assert_eq!(
            parsed.article.body,
            "Bad \u{fffd} half, good \u{1f600} pair, text \\ud800 kept"
        );
        assert_eq!(parsed.warnings[0].kind, WarningKind::LoneSurrogate);
        let parsed = parse(&record(r#"{"id":"t","body":"Low \udc00 alone."}"#)).expect("kept");
        assert_eq!(parsed.article.body, "Low \u{fffd} alone.");
        assert_eq!(lone_surrogates_replaced(r#"{"body":"fine \u00e9"}"#), None);
    }

    #[test]
    fn missing_body_and_broken_json_are_skips() {
        assert_eq!(
            parse(&record(r#"{"title":"x"}"#)).unwrap_err().reason,
            SkipReason::NoBody
        );
        assert_eq!(
            parse(&record(r#"{"title":"x","body":" "}"#))
                .unwrap_err()
                .reason,
            SkipReason::EmptyBody
        );
        // A body of the wrong type says what it is, not that it is empty.
        let skip = parse(&record(r#"{"title":"x","body":42}"#)).unwrap_err();
        assert_eq!(skip.reason, SkipReason::BodyNotText("a number"));
        assert_eq!(
            skip.reason.to_string(),
            "field \"body\" is a number, not text"
        );
        assert!(matches!(
            parse(&record("{not json")).unwrap_err().reason,
            SkipReason::InvalidJson(_)
        ));
        assert!(matches!(
            parse(&record("[1,2]")).unwrap_err().reason,
            SkipReason::InvalidJson(_)
        ));
    }
}
