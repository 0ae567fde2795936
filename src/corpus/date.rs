//! Publication dates: `YYYY-MM-DD` or RFC 3339, normalised to a UTC instant.

use std::fmt;
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

/// Parses `YYYY-MM-DD` or an RFC 3339 timestamp; `None` for anything else.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let day_format = format_description!("[year]-[month]-[day]");
    if let Ok(day) = time::Date::parse(text, &day_format) {
        return Some(Date::from_utc(
            PrimitiveDateTime::new(day, Time::MIDNIGHT).assume_utc(),
        ));
    }
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(Date::from_utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_days_and_rfc3339() {
        assert_eq!(
            parse_date("2024-06-18").map(Date::day).as_deref(),
            Some("2024-06-18")
        );
        assert_eq!(
            parse_date("2023-09-11T07:30:00Z").map(Date::day).as_deref(),
            Some("2023-09-11")
        );
        // 23:30 at UTC-02:00 is the next day in UTC.
        assert_eq!(
            parse_date("2023-09-11T23:30:00-02:00")
                .map(Date::day)
                .as_deref(),
            Some("2023-09-12")
        );
    }

    #[test]
    fn rejects_everything_else() {
        for bad in [
            "12 Feb",
            "2 days ago",
            "Publish time not found",
            "2024-13-01",
            "",
            "2024-02-30",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn from_ymd_matches_parse() {
        assert_eq!(Date::from_ymd(2024, 6, 18), parse_date("2024-06-18"));
        assert_eq!(Date::from_ymd(2024, 2, 30), None);
    }
}
