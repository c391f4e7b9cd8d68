//! Timestamps as access logs write them, read to Unix seconds without allocating: the common
//! log format's `03/Dec/2026:02:40:01 +0000`, ISO 8601 / RFC 3339 (`2026-12-03T02:40:01.123Z`,
//! with an offset or without), and a Unix epoch number (seconds, milliseconds or nanoseconds).

/// Days from 1970-01-01 to the civil date (proleptic Gregorian), after Howard Hinnant.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn digits(bytes: &[u8]) -> Option<i64> {
    if bytes.is_empty() || bytes.len() > 19 {
        return None;
    }
    let mut n: i64 = 0;
    for b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some(n)
}

fn month_number(name: &[u8]) -> Option<i64> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    let name = name.get(..3)?;
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(name))
        .and_then(|i| i64::try_from(i + 1).ok())
}

fn seconds(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// `+0100`, `-07:00`, `Z`: the offset in seconds east of UTC; a missing one reads as UTC.
fn offset(bytes: &[u8]) -> Option<i64> {
    let bytes = bytes.strip_suffix(b"]").unwrap_or(bytes);
    match bytes.first() {
        None | Some(b'Z' | b'z') => Some(0),
        Some(sign @ (b'+' | b'-')) => {
            let rest: Vec<u8> = bytes[1..].iter().copied().filter(|b| *b != b':').collect();
            if rest.len() != 4 {
                return None;
            }
            let minutes = digits(&rest[..2])? * 60 + digits(&rest[2..])?;
            Some(if *sign == b'-' {
                -minutes * 60
            } else {
                minutes * 60
            })
        }
        _ => None,
    }
}

/// `03/Dec/2026:02:40:01 +0000` (nginx, Apache) or `03/Dec/2026:02:40:01.123` (`HAProxy`,
/// no zone: read as UTC), with or without the brackets.
pub fn common_log(text: &[u8]) -> Option<i64> {
    let text = text.strip_prefix(b"[").unwrap_or(text);
    let text = text.strip_suffix(b"]").unwrap_or(text);
    if text.len() < 20 || text[2] != b'/' || text[6] != b'/' || text[11] != b':' {
        return None;
    }
    let day = digits(&text[0..2])?;
    let month = month_number(&text[3..6])?;
    let year = digits(&text[7..11])?;
    let hour = digits(&text[12..14])?;
    let minute = digits(&text[15..17])?;
    let second = digits(&text[18..20])?;
    let local = seconds(year, month, day, hour, minute, second)?;
    // What follows the seconds: fractions (HAProxy), then a space and the zone.
    let zone = text[20..]
        .iter()
        .position(|b| *b == b' ')
        .map_or(&b""[..], |i| &text[20 + i + 1..]);
    Some(local - offset(zone)?)
}

/// `2026-12-03T02:40:01Z`, `2026-12-03 02:40:01.123456+01:00`, `2026-12-03T02:40:01` (UTC).
pub fn iso8601(text: &[u8]) -> Option<i64> {
    if text.len() < 19 || text[4] != b'-' || text[7] != b'-' || text[13] != b':' {
        return None;
    }
    if !matches!(text[10], b'T' | b't' | b' ') {
        return None;
    }
    let local = seconds(
        digits(&text[0..4])?,
        digits(&text[5..7])?,
        digits(&text[8..10])?,
        digits(&text[11..13])?,
        digits(&text[14..16])?,
        digits(&text[17..19])?,
    )?;
    let mut rest = &text[19..];
    if rest.first() == Some(&b'.') {
        let fraction = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        rest = &rest[1 + fraction..];
    }
    Some(local - offset(rest)?)
}

/// A Unix time as a number: seconds (`1764729601` or `1764729601.123`), milliseconds or
/// nanoseconds, told apart by size.
pub fn epoch(text: &[u8]) -> Option<i64> {
    let whole = text.split(|b| *b == b'.').next()?;
    let n = digits(whole)?;
    Some(match whole.len() {
        0..=11 => n,
        12..=14 => n / 1000,
        15..=17 => n / 1_000_000,
        _ => n / 1_000_000_000,
    })
}

/// Any of the above.
pub fn any(text: &[u8]) -> Option<i64> {
    iso8601(text)
        .or_else(|| common_log(text))
        .or_else(|| epoch(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().unwrap().as_second()
    }

    #[test]
    fn common_log_times_with_their_zone() {
        assert_eq!(
            common_log(b"[03/Dec/2026:02:40:01 +0000]"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(
            common_log(b"03/Dec/2026:03:40:01 +0100"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(
            common_log(b"10/Oct/2000:13:55:36 -0700"),
            Some(at("2000-10-10T20:55:36Z"))
        );
        assert_eq!(
            common_log(b"03/Dec/2026:02:40:01.123"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(common_log(b"03/Foo/2026:02:40:01 +0000"), None);
        assert_eq!(common_log(b"garbage"), None);
    }

    #[test]
    fn iso_times_with_fractions_and_offsets() {
        assert_eq!(
            iso8601(b"2026-12-03T02:40:01.123456Z"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(
            iso8601(b"2026-12-03T03:40:01+01:00"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(
            iso8601(b"2026-12-03 02:40:01"),
            Some(at("2026-12-03T02:40:01Z"))
        );
        assert_eq!(iso8601(b"2026-13-03T02:40:01Z"), None);
    }

    #[test]
    fn epochs_of_every_size() {
        let t = at("2026-12-03T02:40:01Z");
        assert_eq!(epoch(format!("{t}").as_bytes()), Some(t));
        assert_eq!(epoch(format!("{t}.250").as_bytes()), Some(t));
        assert_eq!(epoch(format!("{t}123").as_bytes()), Some(t));
        assert_eq!(epoch(format!("{t}123456789").as_bytes()), Some(t));
    }

    #[test]
    fn leap_years_and_century_rules() {
        assert_eq!(
            iso8601(b"2024-02-29T00:00:00Z"),
            Some(at("2024-02-29T00:00:00Z"))
        );
        assert_eq!(
            iso8601(b"2000-03-01T00:00:00Z"),
            Some(at("2000-03-01T00:00:00Z"))
        );
    }
}
