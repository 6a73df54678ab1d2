// Constant behaviour of the `nhn::api` module, written by hand: `cargo xtask gen` copies this
// file into the generated crate as `src/nhn/api/types.rs` below the stamp (this block of `//`
// lines is left out). The generated `src/nhn/api.rs` (its parent) re-exports all of it, so that
// users name these types `nhn::api::Timestamp` and so on. It depends on nothing generated.
//! The search API's fixed types: timestamps, JSON values, request errors.

/// A timestamp as the API writes it: RFC 3339 (`2019-09-01T02:00:00.000Z`, `+09:00`) or
/// the guide's form without the offset's colon (`2019-11-01T10:31:49.348+0000`).
///
/// Parsed into its fields, with the original text kept: serialising writes the text back
/// unchanged. No date library is needed; [`Timestamp::unix_seconds`] gives the instant.
///
/// ```
/// use cloud_trail_events::nhn::api::Timestamp;
/// let t: Timestamp = "2019-11-01T10:31:49.348+0000".parse().unwrap();
/// assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2019, 11, 1, 10));
/// assert_eq!((t.nanosecond(), t.offset_minutes()), (348_000_000, 0));
/// assert_eq!(t.as_str(), "2019-11-01T10:31:49.348+0000");
/// let z: Timestamp = "2019-11-01T19:31:49.348+09:00".parse().unwrap();
/// assert_eq!(z.unix_seconds(), t.unix_seconds());
/// assert!("2019-11-01 10:31".parse::<Timestamp>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Timestamp {
    text: alloc::string::String,
    date: (i32, u8, u8),
    time: (u8, u8, u8, u32),
    offset_minutes: i16,
}

/// A text that is not a timestamp of either form.
///
/// ```
/// use cloud_trail_events::nhn::api::Timestamp;
/// let err = "yesterday".parse::<Timestamp>().unwrap_err();
/// assert_eq!(err.input(), "yesterday");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimestampError {
    input: alloc::string::String,
}

impl TimestampError {
    /// The text that was rejected.
    pub fn input(&self) -> &str {
        &self.input
    }
}

impl core::fmt::Display for TimestampError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "`{}` is not a timestamp: expected YYYY-MM-DDThh:mm:ss[.fraction] and Z, +hh:mm or +hhmm",
            self.input
        )
    }
}

impl core::error::Error for TimestampError {}
impl Timestamp {
    /// Parses either form; the error keeps the text.
    pub fn parse(text: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::fields(text.as_bytes())
            .map(|t| Timestamp {
                text: text.into(),
                ..t
            })
            .ok_or_else(|| TimestampError { input: text.into() })
    }

    /// The fields of a timestamp's bytes, with an empty text.
    fn fields(b: &[u8]) -> Option<Timestamp> {
        fn num(b: &[u8], at: usize, len: usize) -> Option<u32> {
            let digits = b.get(at..at + len)?;
            digits.iter().try_fold(0u32, |n, d| {
                d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
            })
        }
        let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
        if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt") && sep(13, b":") && sep(16, b":")) {
            return None;
        }
        let (year, month, day) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
        let (hour, minute, second) = (num(b, 11, 2)?, num(b, 14, 2)?, num(b, 17, 2)?);
        let mut i = 19;
        let mut nanos = 0u32;
        if b.get(i) == Some(&b'.') {
            let start = i + 1;
            i = start;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                if i - start < 9 {
                    nanos = nanos * 10 + u32::from(b[i] - b'0');
                }
                i += 1;
            }
            if i == start {
                return None;
            }
            for _ in (i - start).min(9)..9 {
                nanos *= 10;
            }
        }
        let offset = match b.get(i..)? {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), rest @ ..] => {
                let (h, m) = match rest {
                    [_, _, b':', _, _] => (num(rest, 0, 2)?, num(rest, 3, 2)?),
                    [_, _, _, _] => (num(rest, 0, 2)?, num(rest, 2, 2)?),
                    _ => return None,
                };
                if h > 23 || m > 59 {
                    return None;
                }
                let total = (h * 60 + m) as i16;
                if *sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days[(month as usize).saturating_sub(1).min(11)]
            && hour <= 23
            && minute <= 59
            && second <= 60;
        valid.then(|| Timestamp {
            text: alloc::string::String::new(),
            date: (year as i32, month as u8, day as u8),
            time: (hour as u8, minute as u8, second as u8, nanos),
            offset_minutes: offset,
        })
    }

    /// The text exactly as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The year, e.g. `2019`.
    pub fn year(&self) -> i32 {
        self.date.0
    }

    /// The month, `1..=12`.
    pub fn month(&self) -> u8 {
        self.date.1
    }

    /// The day of the month, `1..=31`.
    pub fn day(&self) -> u8 {
        self.date.2
    }

    /// The hour, `0..=23`, in the timestamp's own offset.
    pub fn hour(&self) -> u8 {
        self.time.0
    }

    /// The minute, `0..=59`.
    pub fn minute(&self) -> u8 {
        self.time.1
    }

    /// The second, `0..=60` (a leap second is kept as written).
    pub fn second(&self) -> u8 {
        self.time.2
    }

    /// The fraction of the second, in nanoseconds (digits past the ninth are dropped).
    pub fn nanosecond(&self) -> u32 {
        self.time.3
    }

    /// The offset from UTC in minutes (`+0900` is `540`, `Z` is `0`).
    pub fn offset_minutes(&self) -> i16 {
        self.offset_minutes
    }

    /// Seconds since 1970-01-01T00:00:00Z (the fraction is [`Timestamp::nanosecond`]).
    pub fn unix_seconds(&self) -> i64 {
        let (y, m, d) = (
            i64::from(self.date.0),
            i64::from(self.date.1),
            i64::from(self.date.2),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        let (h, mi, s) = (
            i64::from(self.time.0),
            i64::from(self.time.1),
            i64::from(self.time.2),
        );
        days * 86_400 + h * 3_600 + mi * 60 + s - i64::from(self.offset_minutes) * 60
    }
}

impl core::str::FromStr for Timestamp {
    type Err = TimestampError;
    fn from_str(s: &str) -> Result<Timestamp, TimestampError> {
        Timestamp::parse(s)
    }
}

impl core::fmt::Display for Timestamp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Timestamp, D::Error> {
        let text = <alloc::string::String as serde::Deserialize>::deserialize(d)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A timestamp in a response: a [`Timestamp`], or text that is none, kept as found.
///
/// One odd `eventTime` (no offset, a date out of range) then costs its own field, not the
/// whole page of events: [`AnyTimestamp::error`] reports it, with the text.
///
/// ```
/// use cloud_trail_events::nhn::api::AnyTimestamp;
/// let good = AnyTimestamp::new("2019-11-01T10:31:49.348+0000");
/// assert_eq!(good.valid().map(|t| t.year()), Some(2019));
/// let odd = AnyTimestamp::new("2019-11-01 10:31:49");
/// assert_eq!(odd.valid(), None);
/// assert_eq!(odd.error().map(|e| e.input()), Some("2019-11-01 10:31:49"));
/// assert_eq!(odd.as_str(), "2019-11-01 10:31:49");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AnyTimestamp {
    /// A timestamp in either form the API writes.
    Valid(Timestamp),
    /// Text that is no timestamp, kept (the error holds it).
    Invalid(TimestampError),
}

impl AnyTimestamp {
    /// Parses `text`, keeping it whatever it is.
    pub fn new(text: &str) -> AnyTimestamp {
        match Timestamp::parse(text) {
            Ok(t) => AnyTimestamp::Valid(t),
            Err(e) => AnyTimestamp::Invalid(e),
        }
    }

    /// The text exactly as found.
    pub fn as_str(&self) -> &str {
        match self {
            AnyTimestamp::Valid(t) => t.as_str(),
            AnyTimestamp::Invalid(e) => e.input(),
        }
    }

    /// The timestamp, when the text is one.
    pub fn valid(&self) -> Option<&Timestamp> {
        match self {
            AnyTimestamp::Valid(t) => Some(t),
            AnyTimestamp::Invalid(_) => None,
        }
    }

    /// Why the text is no timestamp, when it is not.
    pub fn error(&self) -> Option<&TimestampError> {
        match self {
            AnyTimestamp::Valid(_) => None,
            AnyTimestamp::Invalid(e) => Some(e),
        }
    }
}

impl From<Timestamp> for AnyTimestamp {
    fn from(t: Timestamp) -> AnyTimestamp {
        AnyTimestamp::Valid(t)
    }
}

impl core::fmt::Display for AnyTimestamp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AnyTimestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for AnyTimestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<AnyTimestamp, D::Error> {
        let text = <alloc::string::String as serde::Deserialize>::deserialize(d)?;
        Ok(AnyTimestamp::new(&text))
    }
}

/// A value the guide documents as an integer but shows as a string (`targetMembers.userCode`).
///
/// ```
/// use cloud_trail_events::nhn::api::IntOrString;
/// assert_eq!(IntOrString::String("u-1".into()).as_str(), Some("u-1"));
/// assert_eq!(IntOrString::Int(42).as_str(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum IntOrString {
    /// An integer.
    Int(i64),
    /// A string.
    String(alloc::string::String),
}

impl IntOrString {
    /// The string, if it is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            IntOrString::String(s) => Some(s),
            IntOrString::Int(_) => None,
        }
    }
}

/// A value the guide's locales show as a string in one and an object in another (`pageable`).
///
/// ```
/// use cloud_trail_events::nhn::api::StringOr;
/// let shown: StringOr<u32> = StringOr::String("INSTANCE".into());
/// assert!(matches!(shown, StringOr::String(ref s) if s == "INSTANCE"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(untagged)
)]
pub enum StringOr<T> {
    /// The string form, e.g. `"INSTANCE"`.
    String(alloc::string::String),
    /// The object form.
    Value(T),
}

/// A request that breaks one of the guide's rules.
///
/// ```
/// use cloud_trail_events::nhn::api::RequestError;
/// let err = RequestError::NotBefore { field: "startDate", other: "endDate" };
/// assert_eq!(err.to_string(), "startDate must be before endDate");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// `field` must be given when `when` holds.
    Required {
        /// The field's dotted JSON path, e.g. `member.emailAddress`.
        field: &'static str,
        /// The condition, e.g. `member.memberType is IAM`.
        when: &'static str,
    },
    /// `field` must be absent when `when` holds.
    Forbidden {
        /// The field's dotted JSON path.
        field: &'static str,
        /// The condition.
        when: &'static str,
    },
    /// A required `field` was not set (see the request's `builder`).
    Missing {
        /// The field's dotted JSON path, e.g. `startDate`.
        field: &'static str,
    },
    /// `field` is not before `other` (a date range given end first, or empty).
    NotBefore {
        /// The field that must come first, e.g. `startDate`.
        field: &'static str,
        /// The field it must come before, e.g. `endDate`.
        other: &'static str,
    },
    /// `field` is larger than the guide allows.
    TooLarge {
        /// The field's dotted JSON path, e.g. `page.limit`.
        field: &'static str,
        /// The largest value allowed.
        max: i64,
        /// The value given.
        value: i64,
    },
}

impl core::fmt::Display for RequestError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            RequestError::Required { field, when } => {
                write!(f, "{field} is required when {when}")
            }
            RequestError::Forbidden { field, when } => {
                write!(f, "{field} must be absent when {when}")
            }
            RequestError::TooLarge { field, max, value } => {
                write!(f, "{field} is {value}, more than the maximum {max}")
            }
            RequestError::Missing { field } => {
                write!(f, "{field} is required and was not set")
            }
            RequestError::NotBefore { field, other } => {
                write!(f, "{field} must be before {other}")
            }
        }
    }
}

impl core::error::Error for RequestError {}
/// Any JSON value: for fields whose type the guide's examples disagree on, or do not show.
///
/// ```
/// use cloud_trail_events::nhn::api::Json;
/// let v = Json::Array(vec![Json::Int(1), Json::String("two".into())]);
/// assert!(matches!(v, Json::Array(ref items) if items.len() == 2));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// A non-negative integer too large for `i64`.
    UInt(u64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    String(alloc::string::String),
    /// An array.
    Array(alloc::vec::Vec<Json>),
    /// An object (keys sorted).
    Object(alloc::collections::BTreeMap<alloc::string::String, Json>),
}

#[cfg(feature = "serde")]
impl serde::Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(i) => s.serialize_i64(*i),
            Json::UInt(u) => s.serialize_u64(*u),
            Json::Float(x) => s.serialize_f64(*x),
            Json::String(x) => s.serialize_str(x),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(map) => {
                let mut m = s.serialize_map(Some(map.len()))?;
                for (k, v) in map {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Json;
            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_none<E: serde::de::Error>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Json, D2::Error> {
                serde::Deserialize::deserialize(d)
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<Json, E> {
                Ok(Json::Bool(b))
            }
            fn visit_i64<E: serde::de::Error>(self, i: i64) -> Result<Json, E> {
                Ok(Json::Int(i))
            }
            fn visit_u64<E: serde::de::Error>(self, u: u64) -> Result<Json, E> {
                Ok(i64::try_from(u).map(Json::Int).unwrap_or(Json::UInt(u)))
            }
            fn visit_f64<E: serde::de::Error>(self, x: f64) -> Result<Json, E> {
                Ok(Json::Float(x))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Json, E> {
                Ok(Json::String(s.into()))
            }
            fn visit_string<E: serde::de::Error>(
                self,
                s: alloc::string::String,
            ) -> Result<Json, E> {
                Ok(Json::String(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = alloc::vec::Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut out = alloc::collections::BTreeMap::new();
                while let Some((k, v)) = map.next_entry()? {
                    out.insert(k, v);
                }
                Ok(Json::Object(out))
            }
        }
        d.deserialize_any(V)
    }
}
