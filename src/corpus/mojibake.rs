//! Repair of "mojibake": UTF-8 text that was once decoded as Latin-1 or Windows-1252 and
//! re-encoded, so that "’" reads "â\u{80}\u{99}" (or "â€™") and "é" reads "Ã©". About one
//! article in ten of the noisy corpus has some; left alone, "Ancelotti’s" becomes the word
//! "Ancelottiâ", which no search for Ancelotti finds.
//!
//! A run of characters is repaired when, read back as the single bytes it was decoded from,
//! it forms one valid UTF-8 character whose lead is one news text does not write before
//! such characters: "Â" or "Ã" (U+0080..U+00FF: "£", "é"), "Ä" or "Å" (Latin Extended-A:
//! "ć", "ł", "š"), "â" (punctuation and symbols, U+2000..U+2FFF), "ï" (U+F000..U+FFFF: the
//! variation selector after an emoji) or "ð" (emoji). Its
//! continuation characters must stand for bytes 0x80..0xBF. Other capitals are real words'
//! letters too often ("RTÉ’s" is not mojibake).

/// Repairs the mojibake in `text`: the repaired text and how many characters were repaired,
/// or `None` when there is nothing to repair.
pub fn repair(text: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut repaired = 0;
    let mut copied = 0;
    // Every lead character (U+00C2..U+00F0) is 0xC3 0x82..0xB0 in UTF-8: only those places
    // are looked at.
    for at in memchr::memchr_iter(0xC3, text.as_bytes()) {
        if at < copied {
            continue;
        }
        let mut chars = text[at..].chars();
        let Some(lead) = chars.next() else { continue };
        let continuations = match lead as u32 {
            0xC2..=0xC5 => 1,
            0xE2 | 0xEF => 2,
            0xF0 => 3,
            _ => continue,
        };
        let mut bytes = [lead as u8, 0, 0, 0];
        let complete = (1..=continuations).all(|k| match chars.next().and_then(byte_of) {
            Some(b @ 0x80..=0xBF) => {
                bytes[k] = b;
                true
            }
            _ => false,
        });
        if !complete {
            continue;
        }
        let Ok(decoded) = std::str::from_utf8(&bytes[..=continuations]) else {
            continue;
        };
        let end = text.len() - chars.as_str().len();
        out.push_str(&text[copied..at]);
        out.push_str(decoded);
        copied = end;
        repaired += 1;
    }
    if repaired == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, repaired))
}

/// The byte a character was decoded from as Latin-1 or Windows-1252, if it was one.
fn byte_of(c: char) -> Option<u8> {
    match c as u32 {
        code @ 0x80..=0xFF => Some(code as u8),
        0 => None,
        _ => WINDOWS_1252
            .iter()
            .position(|&w| w == c)
            .map(|i| 0x80 + i as u8),
    }
}

/// What Windows-1252 decodes bytes 0x80..0x9F to (`\0` where it decodes nothing).
const WINDOWS_1252: [char; 32] = [
    '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', '\0', '‘',
    '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
];

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn latin1_and_windows1252_mojibake_is_repaired() {
        let cases = [
            ("Ancelottiâ\u{80}\u{99}s side", "Ancelotti’s side"),
            ("Ancelottiâ€™s side", "Ancelotti’s side"),
            ("â\u{80}\u{9c}Quoteâ\u{80}\u{9d}", "“Quote”"),
            ("PelÃ© and MbappÃ©", "Pelé and Mbappé"),
            ("a fee of â\u{82}¬50m", "a fee of €50m"),
            ("Â£40m", "£40m"),
            ("Luka ModriÄ\u{87}", "Luka Modrić"),
            ("fans ð\u{9f}\u{98}\u{80}", "fans 😀"),
            ("love â\u{9d}¤ï¸\u{8f}", "love ❤\u{fe0f}"),
        ];
        for (broken, fixed) in cases {
            let (text, count) = repair(broken).unwrap_or_else(|| panic!("{broken:?}"));
            assert_eq!(text, fixed);
            assert!(count >= 1);
        }
        assert_eq!(repair("PelÃ© and MbappÃ©").map(|r| r.1), Some(2));
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        for text in [
            "Plain ASCII text",
            "naïve, Köln, Mbappé, São Paulo, SÃO PAULO, Ærøskøbing, Þór, café’s, RTÉ’s, JOSÉ“",
            "Ã at the end Ã",
            "â alone, ð alone, Â alone",
            "á¿ is not a lead",
            "Ã\0 is no byte 0x81",
        ] {
            assert_eq!(repair(text), None, "{text:?}");
        }
    }
}
