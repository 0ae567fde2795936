//! The query syntax: text -> [`Node`] tree, with errors that point at a position.
//!
//! ```text
//! query    := or
//! or       := and ("OR" and)*
//! and      := unary+                      (juxtaposition and "AND" both mean AND)
//! unary    := "-" primary | "NOT" primary | primary
//! primary  := "(" or ")" | FIELD ":" value | phrase | word
//! phrase   := '"' words '"' ("~" N)?
//! FIELD    := title | club | person | competition | source | date | since | until
//! ```
//! Dates: `YYYY-MM-DD`, `YYYY-MM` (a whole month), `YYYY` (a whole year) and ranges
//! `A..B` (either end may be left open: `2024-01..`, `..2024-03-31`), in the years an index
//! can hold ([`YEARS`](crate::corpus::YEARS)).

use crate::corpus::{DateError, YEARS};

/// A parsed query.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A word to find in title or body.
    Word(String),
    /// An exact phrase, with `slop` words allowed between its words.
    Phrase {
        /// The words of the phrase as typed.
        text: String,
        /// Extra positions allowed between the words (`~N`).
        slop: u32,
    },
    /// A word or phrase restricted to the title.
    Title(Box<Node>),
    /// An entity filter: `club:X`, `person:X`, `competition:X`.
    Entity {
        /// `club`, `person` or `competition`.
        kind: String,
        /// The name as typed.
        name: String,
    },
    /// A publisher filter: `source:X`.
    Source(String),
    /// A date range filter (inclusive days; either end open).
    Dates(DateRange),
    /// Documents not matching the inner node.
    Not(Box<Node>),
    /// Documents matching every child.
    And(Vec<Node>),
    /// Documents matching any child.
    Or(Vec<Node>),
    /// Documents matching at least `min` of the children: a query's words, relaxed when no
    /// article matches all of them (never parsed from text).
    AtLeast {
        /// How many children must match.
        min: usize,
        /// The alternatives.
        children: Vec<Node>,
    },
}

/// A range of days, `start..=end`, either end open; each end as `(year, month, day)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// First day included.
    pub start: Option<(i32, u8, u8)>,
    /// Last day included.
    pub end: Option<(i32, u8, u8)>,
}

/// A syntax error, with the byte position in the query where it was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} at position {}", position + 1)]
pub struct QueryError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the query (0-based; shown 1-based).
    pub position: usize,
}

impl QueryError {
    /// The query with a caret under the error position, for terminal display.
    pub fn pointer(&self, query: &str) -> String {
        let column = query[..self.position.min(query.len())].chars().count();
        format!("  {query}\n  {}^", " ".repeat(column))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Word(String),
    Phrase(String, u32),
    Field(String),
    Minus,
    Open,
    Close,
    And,
    Or,
    Not,
}

const FIELDS: [&str; 8] = [
    "title",
    "club",
    "person",
    "competition",
    "source",
    "date",
    "since",
    "until",
];

fn lex(query: &str) -> Result<Vec<(Token, usize)>, QueryError> {
    let mut tokens = Vec::new();
    let bytes = query.as_bytes();
    let mut i = 0;
    while i < query.len() {
        let c = query[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        if let Some(end) = symbols_only(query, i) {
            i = end;
            continue;
        }
        match c {
            '(' => {
                tokens.push((Token::Open, start));
                i += 1;
            }
            ')' => {
                tokens.push((Token::Close, start));
                i += 1;
            }
            '"' | '“' | '”' => {
                let open_len = c.len_utf8();
                let rest = &query[i + open_len..];
                let Some(close) = rest.find(['"', '“', '”']) else {
                    return Err(QueryError {
                        message: "unclosed quote".into(),
                        position: start,
                    });
                };
                let text = rest[..close].trim().to_owned();
                let close_len = rest[close..].chars().next().map_or(1, char::len_utf8);
                i += open_len + close + close_len;
                let mut slop = 0;
                if bytes.get(i) == Some(&b'~') {
                    let digits: String = query[i + 1..]
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    slop = digits.parse().map_err(|_| QueryError {
                        message: "expected a number after ~".into(),
                        position: i + 1,
                    })?;
                    i += 1 + digits.len();
                }
                if text.is_empty() {
                    return Err(QueryError {
                        message: "empty phrase".into(),
                        position: start,
                    });
                }
                if text.chars().any(char::is_alphanumeric) {
                    tokens.push((Token::Phrase(text, slop), start));
                } else if matches!(tokens.last(), Some((Token::Minus | Token::Not, _))) {
                    // Dropped with the phrase: it would negate the next term instead.
                    tokens.pop();
                }
            }
            '-' if tokens_can_start_unary(query, i) => {
                tokens.push((Token::Minus, start));
                i += 1;
            }
            _ => {
                let end = word_end(query, i);
                let word = &query[i..end];
                if let Some((field, _)) = word.split_once(':') {
                    if FIELDS.contains(&field.to_ascii_lowercase().as_str()) {
                        tokens.push((Token::Field(field.to_ascii_lowercase()), start));
                        i += field.len() + 1;
                        continue;
                    }
                }
                let token = match word {
                    "AND" | "&&" => Token::And,
                    "OR" | "||" => Token::Or,
                    "NOT" => Token::Not,
                    _ => Token::Word(word.to_owned()),
                };
                tokens.push((token, start));
                i = end;
            }
        }
    }
    Ok(tokens)
}

/// The end of the word starting at byte `i` when it holds no letter or digit ("-", "…",
/// "!!!", an emoji) and is no operator: such a word is no term (the analyzer makes nothing
/// of it), and kept it would match nothing, turning the AND of the other words into no
/// match ("Arsenal - Chelsea"). A `-` before a bracket or a quote is kept: a negation.
fn symbols_only(query: &str, i: usize) -> Option<usize> {
    let end = word_end(query, i);
    let word = &query[i..end];
    let symbols = !word.is_empty()
        && !word.chars().any(char::is_alphanumeric)
        && !matches!(word, "&&" | "||");
    let negates_group = word == "-" && query[end..].starts_with(['(', '"', '“', '”']);
    (symbols && !negates_group).then_some(end)
}

/// Where the word starting at byte `i` ends: at a space, a bracket or a quote.
fn word_end(query: &str, i: usize) -> usize {
    query[i..]
        .find(|ch: char| ch.is_whitespace() || matches!(ch, '(' | ')' | '"' | '“' | '”'))
        .map_or(query.len(), |n| i + n)
}

/// A `-` is a negation when it starts a token and something follows it.
fn tokens_can_start_unary(query: &str, i: usize) -> bool {
    let before_ok = i == 0 || query[..i].ends_with(|c: char| c.is_whitespace() || c == '(');
    let after_ok = query[i + 1..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    before_ok && after_ok
}

struct Parser<'q> {
    query: &'q str,
    tokens: Vec<(Token, usize)>,
    pos: usize,
    /// Brackets open at the current token.
    depth: usize,
}

/// Most brackets open at once: parsing, compiling and searching recurse into each, and a
/// pasted query of thousands would overflow the stack.
pub const MAX_NESTING: usize = 32;

/// Parses a query; an empty or blank query parses to `None`.
pub fn parse_query(query: &str) -> Result<Option<Node>, QueryError> {
    let tokens = lex(query)?;
    if tokens.is_empty() {
        if query.trim().is_empty() {
            return Ok(None);
        }
        return Err(QueryError {
            message: "no words to search for, only punctuation or symbols".into(),
            position: query.find(|c: char| !c.is_whitespace()).unwrap_or(0),
        });
    }
    let mut parser = Parser {
        query,
        tokens,
        pos: 0,
        depth: 0,
    };
    let node = parser.or()?;
    if let Some((token, at)) = parser.tokens.get(parser.pos) {
        let message = match token {
            Token::Close => "unmatched closing parenthesis".to_string(),
            other => format!("unexpected {}", describe(other)),
        };
        return Err(QueryError {
            message,
            position: *at,
        });
    }
    Ok(Some(node))
}

fn describe(token: &Token) -> String {
    match token {
        Token::Word(w) => format!("word {w:?}"),
        Token::Phrase(p, _) => format!("phrase {p:?}"),
        Token::Field(f) => format!("field {f}:"),
        Token::Minus => "-".into(),
        Token::Open => "(".into(),
        Token::Close => ")".into(),
        Token::And => "AND".into(),
        Token::Or => "OR".into(),
        Token::Not => "NOT".into(),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos).map(|(t, _)| t)
    }

    fn position(&self) -> usize {
        self.tokens
            .get(self.pos)
            .map_or(self.query.len(), |(_, at)| *at)
    }

    fn error<T>(&self, message: impl Into<String>) -> Result<T, QueryError> {
        Err(QueryError {
            message: message.into(),
            position: self.position(),
        })
    }

    fn or(&mut self) -> Result<Node, QueryError> {
        let mut children = vec![self.and()?];
        while self.peek() == Some(&Token::Or) {
            self.pos += 1;
            if matches!(self.peek(), None | Some(Token::Close | Token::Or)) {
                return self.error("expected a term after OR");
            }
            children.push(self.and()?);
        }
        Ok(if children.len() == 1 {
            children.remove(0)
        } else {
            Node::Or(children)
        })
    }

    fn and(&mut self) -> Result<Node, QueryError> {
        let mut children = Vec::new();
        loop {
            match self.peek() {
                None | Some(Token::Close | Token::Or) => break,
                Some(Token::And) => {
                    if children.is_empty() {
                        return self.error("AND needs a term before it");
                    }
                    self.pos += 1;
                    if matches!(
                        self.peek(),
                        None | Some(Token::Close | Token::Or | Token::And)
                    ) {
                        return self.error("expected a term after AND");
                    }
                }
                Some(_) => children.push(self.unary()?),
            }
        }
        match children.len() {
            0 => self.error("expected a word, phrase or filter"),
            1 => Ok(children.remove(0)),
            _ => Ok(Node::And(children)),
        }
    }

    fn unary(&mut self) -> Result<Node, QueryError> {
        if matches!(self.peek(), Some(Token::Minus | Token::Not)) {
            self.pos += 1;
            if matches!(
                self.peek(),
                None | Some(Token::Close | Token::Or | Token::And)
            ) {
                return self.error("expected a term to exclude");
            }
            return Ok(Node::Not(Box::new(self.primary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, QueryError> {
        let at = self.position();
        let Some((token, _)) = self.tokens.get(self.pos).cloned() else {
            return self.error("unexpected end of query");
        };
        self.pos += 1;
        match token {
            Token::Word(w) => Ok(Node::Word(w)),
            Token::Phrase(text, slop) => Ok(Node::Phrase { text, slop }),
            Token::Open => {
                if self.peek() == Some(&Token::Close) {
                    return self.error("empty parentheses");
                }
                if self.depth == MAX_NESTING {
                    return Err(QueryError {
                        message: format!("brackets nested more than {MAX_NESTING} deep"),
                        position: at,
                    });
                }
                self.depth += 1;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Token::Close) {
                    return Err(QueryError {
                        message: "unclosed parenthesis".into(),
                        position: at,
                    });
                }
                self.pos += 1;
                Ok(inner)
            }
            Token::Field(field) => self.field_value(&field, at),
            other => Err(QueryError {
                message: format!("unexpected {}", describe(&other)),
                position: at,
            }),
        }
    }

    fn field_value(&mut self, field: &str, at: usize) -> Result<Node, QueryError> {
        let value_at = self.position();
        let value = match self.tokens.get(self.pos) {
            Some((Token::Word(w), _)) if self.tokens[self.pos].1 == at + field.len() + 1 => {
                Token::Word(w.clone())
            }
            Some((Token::Phrase(p, s), _)) if self.tokens[self.pos].1 == at + field.len() + 1 => {
                Token::Phrase(p.clone(), *s)
            }
            _ => {
                return Err(QueryError {
                    message: format!("expected a value after {field}:"),
                    position: at + field.len() + 1,
                })
            }
        };
        self.pos += 1;
        let text = match &value {
            Token::Word(w) | Token::Phrase(w, _) => w.clone(),
            _ => String::new(),
        };
        let date_error = |message: String| QueryError {
            message,
            position: value_at,
        };
        match field {
            "title" => Ok(Node::Title(Box::new(match value {
                Token::Phrase(text, slop) => Node::Phrase { text, slop },
                _ => Node::Word(text),
            }))),
            "club" | "person" | "competition" => Ok(Node::Entity {
                kind: field.to_owned(),
                name: text,
            }),
            "source" => Ok(Node::Source(text)),
            "date" => parse_date_range(&text).map(Node::Dates).map_err(date_error),
            "since" => parse_day_bounds(&text)
                .map(|(start, _)| {
                    Node::Dates(DateRange {
                        start: Some(start),
                        end: None,
                    })
                })
                .map_err(date_error),
            "until" => parse_day_bounds(&text)
                .map(|(_, end)| {
                    Node::Dates(DateRange {
                        start: None,
                        end: Some(end),
                    })
                })
                .map_err(date_error),
            _ => self.error(format!("unknown field {field}:")),
        }
    }
}

/// Parses `A..B`, `A..`, `..B` or a single `A` (a day, month or year) into a day range.
pub fn parse_date_range(text: &str) -> Result<DateRange, String> {
    match text.split_once("..") {
        Some((from, to)) => {
            let start = if from.is_empty() {
                None
            } else {
                Some(parse_day_bounds(from)?.0)
            };
            let end = if to.is_empty() {
                None
            } else {
                Some(parse_day_bounds(to)?.1)
            };
            if start.is_none() && end.is_none() {
                return Err("empty date range".into());
            }
            if let (Some(s), Some(e)) = (start, end) {
                if s > e {
                    return Err(format!("date range {text:?} ends before it starts"));
                }
            }
            Ok(DateRange { start, end })
        }
        None => {
            let (start, end) = parse_day_bounds(text)?;
            Ok(DateRange {
                start: Some(start),
                end: Some(end),
            })
        }
    }
}

type Day = (i32, u8, u8);

/// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` into its first and last day.
pub fn parse_day_bounds(text: &str) -> Result<(Day, Day), String> {
    let bad = || format!("invalid date {text:?} (expected YYYY-MM-DD, YYYY-MM or YYYY)");
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Result<u32, String> {
        if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| bad())
        } else {
            Err(bad())
        }
    };
    let year = number(parts[0], 4)? as i32;
    if !YEARS.contains(&year) {
        return Err(DateError::OutOfRange.describe(text, ""));
    }
    match parts.len() {
        1 => Ok(((year, 1, 1), (year, 12, 31))),
        2 => {
            let month = number(parts[1], 2)? as u8;
            let last = days_in_month(year, month).ok_or_else(bad)?;
            Ok(((year, month, 1), (year, month, last)))
        }
        3 => {
            let month = number(parts[1], 2)? as u8;
            let day = number(parts[2], 2)? as u8;
            let last = days_in_month(year, month).ok_or_else(bad)?;
            if day == 0 || day > last {
                return Err(bad());
            }
            Ok(((year, month, day), (year, month, day)))
        }
        _ => Err(bad()),
    }
}

fn days_in_month(year: i32, month: u8) -> Option<u8> {
    let month = time::Month::try_from(month).ok()?;
    Some(time::util::days_in_month(month, year))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(q: &str) -> Node {
        parse_query(q).expect("parses").expect("not empty")
    }

    fn word(w: &str) -> Node {
        Node::Word(w.into())
    }

    #[test]
    fn words_are_anded_and_or_binds_looser() {
        assert_eq!(parse("a b"), Node::And(vec![word("a"), word("b")]));
        assert_eq!(
            parse("a b OR c"),
            Node::Or(vec![Node::And(vec![word("a"), word("b")]), word("c")])
        );
        assert_eq!(parse("a AND b"), Node::And(vec![word("a"), word("b")]));
    }

    #[test]
    fn phrases_negation_groups_and_fields() {
        assert_eq!(
            parse("\"release clause\"~2 -Liverpool (x OR y) title:Anton club:\"Bayern Munich\""),
            Node::And(vec![
                Node::Phrase {
                    text: "release clause".into(),
                    slop: 2
                },
                Node::Not(Box::new(word("Liverpool"))),
                Node::Or(vec![word("x"), word("y")]),
                Node::Title(Box::new(word("Anton"))),
                Node::Entity {
                    kind: "club".into(),
                    name: "Bayern Munich".into()
                },
            ])
        );
        // A hyphen inside a word is not a negation.
        assert_eq!(parse("DFB-Pokal"), word("DFB-Pokal"));
    }

    #[test]
    fn dates_months_and_open_ranges() {
        assert_eq!(
            parse("date:2024-06"),
            Node::Dates(DateRange {
                start: Some((2024, 6, 1)),
                end: Some((2024, 6, 30))
            })
        );
        assert_eq!(
            parse("date:2024-01-01..2024-03-31"),
            Node::Dates(DateRange {
                start: Some((2024, 1, 1)),
                end: Some((2024, 3, 31))
            })
        );
        assert_eq!(
            parse("since:2024-02"),
            Node::Dates(DateRange {
                start: Some((2024, 2, 1)),
                end: None
            })
        );
        assert_eq!(
            parse("until:2024"),
            Node::Dates(DateRange {
                start: None,
                end: Some((2024, 12, 31))
            })
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let cases = [
            ("Anton (release", 6, "unclosed parenthesis"),
            ("Anton \"release", 6, "unclosed quote"),
            ("a )", 2, "unmatched closing parenthesis"),
            ("a OR", 4, "expected a term after OR"),
            ("date:2024-13", 5, "invalid date"),
            ("date:2024-03..2024-01", 5, "ends before it starts"),
            ("club:", 5, "expected a value after club:"),
            (
                &format!("{}a{}", "(".repeat(40), ")".repeat(40)),
                32,
                "nested more than 32",
            ),
        ];
        for (query, position, message) in cases {
            let error = parse_query(query).expect_err(query);
            assert_eq!(error.position, position, "{query}: {error}");
            assert!(error.message.contains(message), "{query}: {error}");
        }
    }

    #[test]
    fn blank_query_is_none() {
        assert_eq!(parse_query("   "), Ok(None));
    }

    #[test]
    fn words_of_symbols_alone_are_no_terms() {
        let arsenal_chelsea = Node::And(vec![word("Arsenal"), word("Chelsea")]);
        for query in [
            "Arsenal - Chelsea",
            "Arsenal : Chelsea",
            "Arsenal – Chelsea !!! …",
            "Arsenal ™ \"!!\" Chelsea ⚽",
            "Arsenal -- Chelsea",
            "Arsenal -\"!!\" Chelsea",
            "Arsenal NOT \"…\" Chelsea",
        ] {
            assert_eq!(parse(query), arsenal_chelsea, "{query}");
        }
        // Operators and negated groups stay.
        assert_eq!(parse("a && b"), Node::And(vec![word("a"), word("b")]));
        assert_eq!(
            parse("a -(b)"),
            Node::And(vec![word("a"), Node::Not(Box::new(word("b")))])
        );
        // Nothing else: an error, not every article.
        let error = parse_query(" !!! -").expect_err("symbols only");
        assert_eq!(error.position, 1);
        assert!(error.message.contains("no words to search for"), "{error}");
    }
}
