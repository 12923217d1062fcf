//! Exact decimal seconds and numbers that arrive as JSON strings or numbers.

/// Nanoseconds since the Unix epoch, now (0 if the clock is before 1970).
pub fn now_unix_nanos() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

/// Parses a decimal number of seconds (`"1795570348.781"`, `"-1.5"`, `"12"`) into exact integer
/// units of 10^-`digits` seconds (3 → milliseconds, 9 → nanoseconds), without going through
/// `f64`. Extra fraction digits are truncated toward negative infinity; an exponent is accepted
/// for the rare `1e3` form.
pub fn parse_decimal_seconds(text: &str, digits: u32) -> Option<i128> {
    let t = text.trim();
    let (mantissa, exp) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
        None => (t, 0),
    };
    let (neg, m) = match mantissa.as_bytes().first()? {
        b'-' => (true, &mantissa[1..]),
        b'+' => (false, &mantissa[1..]),
        _ => (false, mantissa),
    };
    let (int, frac) = match m.split_once('.') {
        Some((i, f)) => (i, f),
        None => (m, ""),
    };
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // All digits as one integer, with the decimal point `shift` places from the right.
    let all: String = format!("{int}{frac}");
    let all = all.trim_start_matches('0');
    if all.len() > 36 {
        return None;
    }
    let value: i128 = if all.is_empty() { 0 } else { all.parse().ok()? };
    let shift = frac.len() as i32 - exp;
    let want = digits as i32;
    let scaled = if want >= shift {
        value.checked_mul(10i128.checked_pow((want - shift) as u32)?)?
    } else {
        let div = 10i128.checked_pow((shift - want) as u32)?;
        if neg {
            // Floor for negatives: -1.0005 s → -1001 ms.
            let q = value / div;
            if value % div != 0 {
                q + 1
            } else {
                q
            }
        } else {
            value / div
        }
    };
    Some(if neg { -scaled } else { scaled })
}

/// Formats milliseconds since the epoch as decimal seconds (`1795570348.781`, `-1.500`).
pub fn format_millis_as_seconds(ms: i64) -> String {
    let sign = if ms < 0 { "-" } else { "" };
    let abs = ms.unsigned_abs();
    let (secs, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        format!("{sign}{secs}")
    } else {
        format!("{sign}{secs}.{frac:03}")
    }
}

/// A string or number in JSON, as text (OTLP 64-bit integers, Loki timestamps).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct NumText(pub String);

impl<'de> serde::Deserialize<'de> for NumText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = NumText;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a string holding one")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<NumText, E> {
                Ok(NumText(v.to_string()))
            }
            fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<NumText, E> {
                Ok(NumText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl NumText {
    /// As u64 (empty → 0); `None` when not a non-negative integer.
    pub fn as_u64(&self) -> Option<u64> {
        let t = self.0.trim();
        if t.is_empty() {
            return Some(0);
        }
        t.parse::<u64>().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_seconds_are_exact() {
        assert_eq!(
            parse_decimal_seconds("1795570348.781", 3),
            Some(1_795_570_348_781)
        );
        assert_eq!(
            parse_decimal_seconds("12345678123456.555", 3),
            Some(12_345_678_123_456_555)
        );
        assert_eq!(parse_decimal_seconds("0.010", 3), Some(10));
        assert_eq!(parse_decimal_seconds("1.100", 3), Some(1100));
        assert_eq!(parse_decimal_seconds("-1.5", 3), Some(-1500));
        assert_eq!(parse_decimal_seconds("-0.001", 3), Some(-1));
        assert_eq!(parse_decimal_seconds("-1.0005", 3), Some(-1001));
        assert_eq!(
            parse_decimal_seconds("1588889221", 3),
            Some(1_588_889_221_000)
        );
        assert_eq!(parse_decimal_seconds("1e3", 3), Some(1_000_000));
        assert_eq!(
            parse_decimal_seconds("1568404331.324", 9),
            Some(1_568_404_331_324_000_000)
        );
        assert_eq!(parse_decimal_seconds("abc", 3), None);
        assert_eq!(parse_decimal_seconds("", 3), None);
        assert_eq!(parse_decimal_seconds("1.2.3", 3), None);
    }
    #[test]
    fn millis_format_round_trips() {
        for ms in [0i64, 1, 999, 1000, 1_795_570_348_781, -1, -1500, -2000] {
            let s = format_millis_as_seconds(ms);
            assert_eq!(parse_decimal_seconds(&s, 3), Some(ms as i128), "{s}");
        }
    }
    #[test]
    fn num_text_takes_strings_and_numbers() {
        let v: Vec<NumText> =
            serde_json::from_str(r#"["11651379494838206464", 42, null]"#).unwrap();
        assert_eq!(v[0].as_u64(), Some(11_651_379_494_838_206_464));
        assert_eq!(v[1].as_u64(), Some(42));
        assert_eq!(v[2].as_u64(), Some(0));
    }
}
