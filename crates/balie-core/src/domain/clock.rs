//! The one clock of the core, and the hybrid logical clock (HLC) that orders events.
//!
//! Everything that needs "now" asks a [`Clock`]. Tests and the demo fix it (`BALIE_NOW`), so
//! that the demo runs on 7–8 December 2023 and tests are repeatable.

use crate::domain::error::{Error, Result};
use time::format_description::well_known::Rfc3339;
use time::{Duration, OffsetDateTime};

#[derive(Debug, Clone)]
pub enum Clock {
    /// The machine's clock.
    System,
    /// Fixed at one instant; never moves (tests).
    Frozen(OffsetDateTime),
    /// Started at a chosen instant and runs on in real time (the demo).
    Shifted {
        offset: Duration,
        /// The instant it started at.
        from: OffsetDateTime,
    },
}

impl Clock {
    /// Parses an RFC 3339 instant such as `2023-12-08T09:00:00+01:00`. With `runs` the clock
    /// starts there and moves on; without, it stays at that instant.
    pub fn fixed(spec: &str, runs: bool) -> Result<Clock> {
        let at = OffsetDateTime::parse(spec.trim(), &Rfc3339).map_err(|e| {
            Error::said(
                "BALIE_NOW / --now",
                "err.clock.now",
                [("value", spec.into()), ("why", e.to_string().into())],
            )
        })?;
        Ok(if runs {
            Clock::Shifted {
                offset: at - OffsetDateTime::now_utc(),
                from: at,
            }
        } else {
            Clock::Frozen(at)
        })
    }

    pub fn now(&self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Frozen(at) => *at,
            Clock::Shifted { offset, .. } => OffsetDateTime::now_utc() + *offset,
        }
    }

    /// True when "now" is not the machine's clock; the UI shows this visibly.
    pub fn is_fixed(&self) -> bool {
        !matches!(self, Clock::System)
    }

    /// For a clock that was started at a chosen instant and runs on: that instant.
    pub fn started_at(&self) -> Option<OffsetDateTime> {
        match self {
            Clock::Shifted { from, .. } => Some(*from),
            _ => None,
        }
    }

    pub fn now_ms(&self) -> i64 {
        let ns = self.now().unix_timestamp_nanos();
        i64::try_from(ns / 1_000_000).unwrap_or(i64::MAX)
    }
}

/// Formats an instant as RFC 3339 in UTC, the form stored in the database.
pub fn rfc3339(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(&Rfc3339)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// A fixed offset such as `+01:00` or `-03:30`.
fn parse_offset(utc_offset: &str) -> Option<time::UtcOffset> {
    let (sign, rest) = match utc_offset.as_bytes().first()? {
        b'+' => (1i8, utc_offset.get(1..)?),
        b'-' => (-1i8, utc_offset.get(1..)?),
        _ => return None,
    };
    let (h, m) = rest.split_once(':')?;
    time::UtcOffset::from_hms(
        sign * h.parse::<i8>().ok()?,
        sign * m.parse::<i8>().ok()?,
        0,
    )
    .ok()
}

/// The instant at a fixed offset; at UTC when the offset is not valid.
fn at_offset(at: OffsetDateTime, utc_offset: &str) -> OffsetDateTime {
    at.to_offset(parse_offset(utc_offset).unwrap_or(time::UtcOffset::UTC))
}

/// The local calendar date (`YYYY-MM-DD`) of `at` at a fixed offset such as `+01:00`; at
/// UTC when the offset is not valid.
pub fn local_date(at: OffsetDateTime, utc_offset: &str) -> String {
    let l = at_offset(at, utc_offset);
    format!("{:04}-{:02}-{:02}", l.year(), u8::from(l.month()), l.day())
}

/// "2023-12-07-15.52.20": an instant as local date and time at a fixed offset, for file
/// names (sortable, no colons).
pub fn local_stamp(at: OffsetDateTime, utc_offset: &str) -> String {
    let l = at_offset(at, utc_offset);
    format!(
        "{:04}-{:02}-{:02}-{:02}.{:02}.{:02}",
        l.year(),
        u8::from(l.month()),
        l.day(),
        l.hour(),
        l.minute(),
        l.second()
    )
}

/// "vrijdag 8 december": a `YYYY-MM-DD` date as Dutch weekday, day and month. Returns the
/// input unchanged when it is not a date.
pub fn dutch_weekday_date(date: &str) -> String {
    const DAYS: [&str; 7] = [
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
    ];
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    match time::Date::parse(date, &fmt) {
        Ok(d) => {
            let full = dutch_date(d);
            let day_month = full.rsplit_once(' ').map_or(full.as_str(), |(dm, _)| dm);
            format!(
                "{} {day_month}",
                DAYS[usize::from(d.weekday().number_days_from_monday())]
            )
        }
        Err(_) => date.to_string(),
    }
}

/// "om 15:44" when the instant is on `today` (`YYYY-MM-DD`) at the offset, else "op
/// donderdag 7 december om 15:44": how a message names when something happened.
pub fn dutch_when(instant: &str, today: &str, utc_offset: &str) -> String {
    match local(instant, utc_offset) {
        Some(l) => {
            let date = local_date(l, utc_offset);
            let hhmm = format!("{:02}:{:02}", l.hour(), l.minute());
            if date == today {
                format!("om {hhmm}")
            } else {
                format!("op {} om {hhmm}", dutch_weekday_date(&date))
            }
        }
        None => format!("om {instant}"),
    }
}

/// The local calendar date (`YYYY-MM-DD`) of an RFC 3339 instant at a fixed offset, or
/// `None` when either is not valid.
pub fn local_date_of(instant: &str, utc_offset: &str) -> Option<String> {
    local(instant, utc_offset).map(|l| local_date(l, utc_offset))
}

/// The instant at the offset, or `None` when either is not valid.
fn local(instant: &str, utc_offset: &str) -> Option<OffsetDateTime> {
    let at = OffsetDateTime::parse(instant, &Rfc3339).ok()?;
    Some(at.to_offset(parse_offset(utc_offset)?))
}

/// "09:12": an RFC 3339 instant as local time at a fixed offset such as `+01:00`.
/// Returns the input unchanged when it is not an instant.
pub fn local_hhmm(instant: &str, utc_offset: &str) -> String {
    local(instant, utc_offset).map_or_else(
        || instant.to_string(),
        |l| format!("{:02}:{:02}", l.hour(), l.minute()),
    )
}

/// "8 december 2023 om 09:12": an RFC 3339 instant as a Dutch date and time at a fixed
/// offset. Returns the input unchanged when it is not an instant.
pub fn dutch_datetime(instant: &str, utc_offset: &str) -> String {
    local(instant, utc_offset).map_or_else(
        || instant.to_string(),
        |l| {
            format!(
                "{} om {:02}:{:02}",
                dutch_date(l.date()),
                l.hour(),
                l.minute()
            )
        },
    )
}

/// [`dutch_datetime`] as a catalogue message ("6 december 2023 om 16:05" / "6 December
/// 2023 at 16:05"); the instant as text when either is not valid.
pub fn datetime_msg(instant: &str, utc_offset: &str) -> crate::domain::message::Msg {
    use crate::domain::message::Msg;
    match local(instant, utc_offset) {
        Some(l) => Msg::new(
            "when.datetime",
            [
                ("day", usize::from(l.day()).into()),
                (
                    "month",
                    Msg::new(&format!("month.{}", u8::from(l.month())), []).into(),
                ),
                ("year", format!("{}", l.year()).into()),
                ("time", format!("{:02}:{:02}", l.hour(), l.minute()).into()),
            ],
        ),
        None => Msg::new("when.raw", [("instant", instant.into())]),
    }
}

/// "2023-12-08 09:12": an instant as local date and time, sortable, for spreadsheets.
pub fn local_datetime(instant: &str, utc_offset: &str) -> String {
    local(instant, utc_offset).map_or_else(
        || instant.to_string(),
        |l| {
            format!(
                "{:04}-{:02}-{:02} {:02}:{:02}",
                l.year(),
                u8::from(l.month()),
                l.day(),
                l.hour(),
                l.minute()
            )
        },
    )
}

/// "8 december 2023".
pub fn dutch_date(date: time::Date) -> String {
    const MONTHS: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[usize::from(u8::from(date.month())) - 1],
        date.year()
    )
}

/// Hybrid logical clock packed in an `i64`: milliseconds since the epoch in the high 48 bits,
/// a counter in the low 16. Ordered like the instants it stands for, and strictly increasing
/// per desk even when the wall clock stands still or goes back. Every step is checked: no
/// value from another desk, however absurd, makes it overflow.
pub mod hlc {
    const COUNTER_BITS: u32 = 16;
    const COUNTER_MASK: i64 = (1 << COUNTER_BITS) - 1;
    /// The largest instant an HLC holds (about the year 6429).
    pub const MAX_MS: i64 = i64::MAX >> COUNTER_BITS;
    /// How far ahead of this desk's wall clock another desk's events may pull this desk's
    /// HLC. Laptops at a venue drift by minutes, and following them keeps "the latest
    /// edit wins" true across desks; an event further ahead is kept and projected, but
    /// this desk's own events no longer follow it (staff are told whose clock is off).
    pub const MAX_AHEAD_MS: i64 = 60 * 60 * 1000;

    pub fn physical_ms(hlc: i64) -> i64 {
        hlc >> COUNTER_BITS
    }

    pub fn counter(hlc: i64) -> i64 {
        hlc & COUNTER_MASK
    }

    /// `ms` is clamped to what an HLC holds (0 ..= [`MAX_MS`]).
    pub fn pack(ms: i64, counter: i64) -> i64 {
        (ms.clamp(0, MAX_MS) << COUNTER_BITS) | (counter & COUNTER_MASK)
    }

    /// The next value after `last` (the highest HLC this desk follows) at wall time
    /// `wall_ms`. Saturates at the largest value instead of wrapping around.
    pub fn next(last: i64, wall_ms: i64) -> i64 {
        let wall_ms = wall_ms.clamp(0, MAX_MS);
        let last = last.max(0);
        let last_ms = physical_ms(last);
        if wall_ms > last_ms {
            pack(wall_ms, 0)
        } else if counter(last) < COUNTER_MASK {
            last + 1
        } else if last_ms < MAX_MS {
            pack(last_ms + 1, 0)
        } else {
            last
        }
    }

    /// The highest HLC this desk follows at `wall_ms`: events further ahead of its wall
    /// clock than [`MAX_AHEAD_MS`] are kept, but its clock does not follow them.
    pub fn followed_up_to(wall_ms: i64) -> i64 {
        pack(wall_ms.saturating_add(MAX_AHEAD_MS), COUNTER_MASK)
    }

    /// How far `hlc` lies ahead of `wall_ms`, when that is more than [`MAX_AHEAD_MS`].
    pub fn too_far_ahead(hlc: i64, wall_ms: i64) -> Option<i64> {
        let ahead = physical_ms(hlc).saturating_sub(wall_ms);
        (ahead > MAX_AHEAD_MS).then_some(ahead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hlc_is_strictly_increasing_when_the_wall_clock_stands_still_or_goes_back() {
        let a = hlc::next(0, 1_000);
        let b = hlc::next(a, 1_000);
        let c = hlc::next(b, 500);
        assert!(a < b && b < c);
        assert_eq!(hlc::physical_ms(c), 1_000);
        assert_eq!(hlc::counter(c), 2);
        let full = hlc::pack(1_000, (1 << 16) - 1);
        let d = hlc::next(full, 1_000);
        assert!(d > full);
        assert_eq!(hlc::physical_ms(d), 1_001);
    }

    #[test]
    fn hlc_arithmetic_never_overflows_and_a_far_clock_is_followed_only_so_far() {
        // The value seen in an experiment: one event at i64::MAX made the next local one
        // i64::MIN.
        let top = hlc::next(i64::MAX, 1_000);
        assert!(top >= 0);
        assert_eq!(hlc::next(top, 1_000), top, "saturates, never wraps");
        assert!(hlc::next(i64::MIN, 1_000) > 0);
        assert_eq!(hlc::physical_ms(hlc::next(0, i64::MAX)), hlc::MAX_MS);
        // Followed up to an hour ahead, not beyond.
        let now = 1_700_000_000_000;
        let near = hlc::pack(now + 60_000, 3);
        let far = hlc::pack(now + 2 * 86_400_000, 0);
        assert!(near <= hlc::followed_up_to(now));
        assert!(far > hlc::followed_up_to(now));
        assert_eq!(hlc::too_far_ahead(near, now), None);
        assert_eq!(hlc::too_far_ahead(far, now), Some(2 * 86_400_000));
        assert!(hlc::followed_up_to(i64::MAX) > 0);
    }

    #[test]
    fn fixed_clock_parses_and_refuses_in_dutch() {
        let c = Clock::fixed("2023-12-08T09:00:00+01:00", false).expect("valid");
        assert!(c.is_fixed());
        assert_eq!(rfc3339(c.now()), "2023-12-08T08:00:00Z");
        let err = Clock::fixed("8 december", false).expect_err("invalid");
        assert!(err.to_string().contains("2023-12-08T09:00:00+01:00"));
    }

    #[test]
    fn local_time_at_the_congress_offset() {
        assert_eq!(local_hhmm("2023-12-08T08:12:00Z", "+01:00"), "09:12");
        assert_eq!(local_hhmm("2023-12-07T23:30:00Z", "+01:00"), "00:30");
        assert_eq!(local_hhmm("2023-06-01T10:00:00Z", "+02:00"), "12:00");
        assert_eq!(local_hhmm("gisteren", "+01:00"), "gisteren");
    }

    #[test]
    fn dutch_dates() {
        assert_eq!(
            dutch_datetime("2023-12-08T08:12:00Z", "+01:00"),
            "8 december 2023 om 09:12"
        );
        assert_eq!(
            dutch_datetime("2023-12-07T23:30:00Z", "+01:00"),
            "8 december 2023 om 00:30"
        );
        assert_eq!(
            local_datetime("2023-12-07T23:30:00Z", "-03:30"),
            "2023-12-07 20:00"
        );
        assert_eq!(local_datetime("gisteren", "+01:00"), "gisteren");
        assert_eq!(
            local_hhmm("2023-12-08T08:12:00Z", "01:00"),
            "2023-12-08T08:12:00Z"
        );
    }

    #[test]
    fn local_dates_at_the_offset() {
        let at = OffsetDateTime::parse("2023-12-07T23:30:00Z", &Rfc3339).expect("t");
        assert_eq!(local_date(at, "+01:00"), "2023-12-08");
        assert_eq!(local_date(at, "-03:30"), "2023-12-07");
        assert_eq!(local_date(at, "bad"), "2023-12-07");
        assert_eq!(local_stamp(at, "+01:00"), "2023-12-08-00.30.00");
        assert_eq!(dutch_weekday_date("2023-12-07"), "donderdag 7 december");
        assert_eq!(dutch_weekday_date("2024-06-02"), "zondag 2 juni");
        assert_eq!(dutch_weekday_date("morgen"), "morgen");
        assert_eq!(
            dutch_when("2023-12-07T14:44:00Z", "2023-12-08", "+01:00"),
            "op donderdag 7 december om 15:44"
        );
        assert_eq!(
            dutch_when("2023-12-08T08:05:00Z", "2023-12-08", "+01:00"),
            "om 09:05"
        );
    }

    #[test]
    fn running_clock_moves_from_the_chosen_instant() {
        let c = Clock::fixed("2023-12-07T15:20:00+01:00", true).expect("valid");
        let now = c.now();
        assert_eq!(now.year(), 2023);
        assert!(now >= OffsetDateTime::parse("2023-12-07T15:20:00+01:00", &Rfc3339).expect("t"));
    }
}
