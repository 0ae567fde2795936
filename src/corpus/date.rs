//! Publication dates: `YYYY-MM-DD` or RFC 3339, normalised to a UTC instant.

use std::fmt;
use std::ops::RangeInclusive;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, Time};

/// A publication instant in UTC, with second precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    unix_seconds: i64,
}

impl Date {
    /// The instant as seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Builds a date from seconds since the Unix epoch.
    pub fn from_unix_seconds(unix_seconds: i64) -> Self {
        Date { unix_seconds }
    }

    /// Midnight UTC at the start of the given calendar day, if the day exists.
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        let date = time::Date::from_calendar_date(year, month, day).ok()?;
        Some(Date::from_utc(
            PrimitiveDateTime::new(date, Time::MIDNIGHT).assume_utc(),
        ))
    }

    fn from_utc(instant: OffsetDateTime) -> Self {
        Date {
            unix_seconds: instant.unix_timestamp(),
        }
    }

    /// The calendar day in UTC as `YYYY-MM-DD`.
    pub fn day(self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match OffsetDateTime::from_unix_timestamp(self.unix_seconds) {
            Ok(t) => write!(
                f,
                "{:04}-{:02}-{:02}",
                t.year(),
                u8::from(t.month()),
                t.day()
            ),
            Err(_) => write!(f, "invalid-date"),
        }
    }
}

/// The years a date may fall in: tantivy keeps instants as nanoseconds since 1970 in an
/// `i64`, which reaches from 1677-09-21 to 2262-04-11; outside, they would wrap around.
pub const YEARS: RangeInclusive<i32> = 1678..=2261;

/// Why a text is no publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not in a format scout reads.
    Unreadable,
    /// Written `YYYY-MM-DD`, but no day of the calendar ("2024-02-30").
    NoSuchDay,
    /// A real date, but outside [`YEARS`].
    OutOfRange,
}

impl DateError {
    /// What is wrong with the date `raw`; `expected` names the formats read there.
    pub fn describe(self, raw: &str, expected: &str) -> String {
        match self {
            DateError::Unreadable => format!("cannot parse date {raw:?} (expected {expected})"),
            DateError::NoSuchDay => format!("date {raw:?} is no day of the calendar"),
            DateError::OutOfRange => format!(
                "date {raw:?} is outside the years {}-{} an index can hold",
                YEARS.start(),
                YEARS.end()
            ),
        }
    }
}

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp, in the years [`YEARS`].
pub fn parse_date(text: &str) -> Result<Date, DateError> {
    let text = text.trim();
    let day_format = format_description!("[year]-[month]-[day]");
    let instant = match time::Date::parse(text, &day_format) {
        Ok(day) => PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_utc(),
        Err(_) if is_day_shaped(text) => return Err(DateError::NoSuchDay),
        Err(_) => OffsetDateTime::parse(text, &Rfc3339).map_err(|_| DateError::Unreadable)?,
    };
    let utc = instant.to_offset(time::UtcOffset::UTC);
    if !YEARS.contains(&utc.year()) {
        return Err(DateError::OutOfRange);
    }
    Ok(Date::from_utc(instant))
}

/// `dddd-dd-dd`: written as a day, whether or not the calendar has it.
fn is_day_shaped(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_days_and_rfc3339() {
        assert_eq!(
            parse_date("2024-06-18").map(Date::day).as_deref(),
            Ok("2024-06-18")
        );
        assert_eq!(
            parse_date("2023-09-11T07:30:00Z").map(Date::day).as_deref(),
            Ok("2023-09-11")
        );
        // 23:30 at UTC-02:00 is the next day in UTC.
        assert_eq!(
            parse_date("2023-09-11T23:30:00-02:00")
                .map(Date::day)
                .as_deref(),
            Ok("2023-09-12")
        );
    }

    #[test]
    fn rejects_everything_else() {
        for bad in ["12 Feb", "2 days ago", "Publish time not found", ""] {
            assert_eq!(parse_date(bad), Err(DateError::Unreadable), "{bad:?}");
        }
        for no_day in ["2024-13-01", "2024-02-30", "2023-02-29"] {
            assert_eq!(parse_date(no_day), Err(DateError::NoSuchDay), "{no_day:?}");
        }
    }

    #[test]
    fn dates_an_index_cannot_hold_are_out_of_range() {
        for far in [
            "3000-01-01",
            "1600-05-01",
            "2262-04-11",
            "1677-12-31T23:00:00Z",
        ] {
            assert_eq!(parse_date(far), Err(DateError::OutOfRange), "{far:?}");
        }
        // The last years in range, also where an offset moves the day into the next year.
        assert!(parse_date("1678-01-01").is_ok() && parse_date("2261-12-31").is_ok());
        assert_eq!(
            parse_date("2261-12-31T23:00:00-02:00"),
            Err(DateError::OutOfRange)
        );
        assert_eq!(
            DateError::OutOfRange.describe("3000-01-01", "YYYY-MM-DD"),
            "date \"3000-01-01\" is outside the years 1678-2261 an index can hold"
        );
    }

    #[test]
    fn from_ymd_matches_parse() {
        assert_eq!(Date::from_ymd(2024, 6, 18), parse_date("2024-06-18").ok());
        assert_eq!(Date::from_ymd(2024, 2, 30), None);
    }
}
