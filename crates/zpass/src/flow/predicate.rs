//! Conditions a verifier sets on claim values, their JSON form, a one-line text
//! form for the command line, and their evaluation in the clear.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, Month, OffsetDateTime};

use super::claim_value::{self, Wrapped};
use crate::binding::ValueType;
use crate::error::ZpassError;
use crate::json::Node;
use crate::ClaimValue;

/// Oldest age a request may ask about; keeps date arithmetic inside `time`'s range.
pub const MAX_AGE_YEARS: u32 = 200;

/// How a date of birth is written in the certificate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DobFormat {
    /// An integer: seconds since 1970-01-01T00:00:00Z (the ARC-0102 sample's `dob`).
    #[default]
    #[serde(rename = "unix-seconds")]
    UnixSeconds,
    /// An integer `YYYYMMDD` (e.g. `19900115`), which orders like the date and
    /// reaches before 1970.
    #[serde(rename = "yyyymmdd")]
    Yyyymmdd,
    /// A string `YYYY-MM-DD`; evaluated in the clear only (strings are hashed).
    #[serde(rename = "iso-date")]
    IsoDate,
}

impl DobFormat {
    /// The name used in JSON and in the text form.
    pub fn name(self) -> &'static str {
        match self {
            DobFormat::UnixSeconds => "unix-seconds",
            DobFormat::Yyyymmdd => "yyyymmdd",
            DobFormat::IsoDate => "iso-date",
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        match name {
            "unix" | "unix-seconds" => Some(DobFormat::UnixSeconds),
            "yyyymmdd" => Some(DobFormat::Yyyymmdd),
            "iso" | "iso-date" => Some(DobFormat::IsoDate),
            _ => None,
        }
    }
}

/// One condition on the value under `key`. JSON: `{"op": ">=", "key": "score", "value": 700}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", deny_unknown_fields)]
pub enum Predicate {
    /// The value equals `value` (same kind and content).
    #[serde(rename = "==")]
    Eq {
        /// The claim's key.
        key: String,
        /// The expected value.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The value differs from `value`.
    #[serde(rename = "!=")]
    Ne {
        /// The claim's key.
        key: String,
        /// The excluded value.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The integer value is below `value`.
    #[serde(rename = "<")]
    Lt {
        /// The claim's key.
        key: String,
        /// The integer bound.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The integer value is at most `value`.
    #[serde(rename = "<=")]
    Le {
        /// The claim's key.
        key: String,
        /// The integer bound.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The integer value is above `value`.
    #[serde(rename = ">")]
    Gt {
        /// The claim's key.
        key: String,
        /// The integer bound.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The integer value is at least `value`.
    #[serde(rename = ">=")]
    Ge {
        /// The claim's key.
        key: String,
        /// The integer bound.
        #[serde(with = "claim_value")]
        value: ClaimValue,
    },
    /// The value is one of `values`.
    #[serde(rename = "in")]
    In {
        /// The claim's key.
        key: String,
        /// The accepted values.
        values: Vec<Wrapped>,
    },
    /// The date of birth under `key` is at least `years` full years before `at`.
    #[serde(rename = "age>=")]
    AgeAtLeast {
        /// The claim's key (the date of birth).
        key: String,
        /// Minimum age in full years.
        years: u32,
        /// The reference time, seconds since the Unix epoch (UTC calendar dates).
        at: u64,
        /// How the date of birth is written.
        #[serde(default)]
        dob_format: DobFormat,
    },
    /// The key is in the certificate; its value stays hidden (key-inclusion proof).
    #[serde(rename = "exists")]
    Exists {
        /// The claim's key.
        key: String,
    },
}

/// Compares two canonical non-negative decimal integers (no sign, no leading zero).
pub fn compare_integers(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// The last calendar day (UTC) on which someone must have been born to be at least
/// `years` old on the day of `at`. Someone born on 29 February turns a year older
/// on 1 March in common years, so the cutoff for a 29 February reference day in a
/// common target year is 28 February.
fn cutoff_date(years: u32, at: u64) -> Result<Date, ZpassError> {
    let bad = |why: String| ZpassError::doc(format!("age>=: {why}"));
    if years > MAX_AGE_YEARS {
        return Err(bad(format!("{years} years is above {MAX_AGE_YEARS}")));
    }
    let at = i64::try_from(at).map_err(|_| bad(format!("reference time {at} is out of range")))?;
    let day = OffsetDateTime::from_unix_timestamp(at)
        .map_err(|e| bad(format!("reference time {at}: {e}")))?
        .date();
    let year = day.year() - years as i32;
    Date::from_calendar_date(year, day.month(), day.day())
        .or_else(|_| Date::from_calendar_date(year, Month::February, 28))
        .map_err(|e| bad(e.to_string()))
}

/// The largest integer date of birth (in `format`) that is at least `years` old at
/// `at`: `age>=` is `dob <= cutoff`. `None` when no non-negative value qualifies
/// (a cutoff before 1970 in seconds). ISO dates have no integer cutoff: an error.
pub fn age_cutoff(years: u32, at: u64, format: DobFormat) -> Result<Option<u64>, ZpassError> {
    let date = cutoff_date(years, at)?;
    match format {
        DobFormat::UnixSeconds => {
            let end_of_day = date.midnight().assume_utc().unix_timestamp() + 86_399;
            Ok(u64::try_from(end_of_day).ok())
        }
        DobFormat::Yyyymmdd => Ok(u64::try_from(date.year())
            .ok()
            .map(|y| y * 10_000 + u64::from(u8::from(date.month())) * 100 + u64::from(date.day()))),
        DobFormat::IsoDate => Err(ZpassError::doc(
            "age>= over an iso-date string has no integer cutoff (use unix-seconds or yyyymmdd)",
        )),
    }
}

fn parse_iso_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

fn yyyymmdd_date(v: u64) -> Option<Date> {
    let month = Month::try_from(u8::try_from(v / 100 % 100).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(v / 10_000).ok()?, month, (v % 100) as u8).ok()
}

/// Whether two values have one field (what a leaf binds), whatever their types.
fn same_field(a: &ClaimValue, b: &ClaimValue) -> Result<bool, String> {
    let field = |v: &ClaimValue| v.to_field().map_err(|e| e.to_string());
    Ok(field(a)? == field(b)?)
}

/// Whether two values are one value: same type and same field.
fn same(a: &ClaimValue, b: &ClaimValue) -> Result<bool, String> {
    Ok(ValueType::of(a) == ValueType::of(b) && same_field(a, b)?)
}

impl Predicate {
    /// The types of value the condition can hold for (empty for `exists`): the
    /// literals' types for `==`, `!=` and `in`, integers for orderings, and the
    /// date format's type for `age>=`.
    pub fn judged_types(&self) -> Vec<ValueType> {
        let mut types = Vec::new();
        let mut add = |t: ValueType| {
            if !types.contains(&t) {
                types.push(t);
            }
        };
        match self {
            Predicate::Eq { value, .. } | Predicate::Ne { value, .. } => add(ValueType::of(value)),
            Predicate::In { values, .. } => values.iter().for_each(|v| add(ValueType::of(&v.0))),
            Predicate::Lt { .. }
            | Predicate::Le { .. }
            | Predicate::Gt { .. }
            | Predicate::Ge { .. } => add(ValueType::Integer),
            Predicate::AgeAtLeast { dob_format, .. } => add(match dob_format {
                DobFormat::IsoDate => ValueType::String,
                _ => ValueType::Integer,
            }),
            Predicate::Exists { .. } => {}
        }
        types
    }

    /// The key the condition is about.
    pub fn key(&self) -> &str {
        match self {
            Predicate::Eq { key, .. }
            | Predicate::Ne { key, .. }
            | Predicate::Lt { key, .. }
            | Predicate::Le { key, .. }
            | Predicate::Gt { key, .. }
            | Predicate::Ge { key, .. }
            | Predicate::In { key, .. }
            | Predicate::AgeAtLeast { key, .. }
            | Predicate::Exists { key } => key,
        }
    }

    /// Whether checking it in the clear needs the value (all but `exists`).
    pub fn needs_value(&self) -> bool {
        !matches!(self, Predicate::Exists { .. })
    }

    /// The integer bound of an ordering comparison, if this is one.
    fn bound(&self) -> Option<&ClaimValue> {
        match self {
            Predicate::Lt { value, .. }
            | Predicate::Le { value, .. }
            | Predicate::Gt { value, .. }
            | Predicate::Ge { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Checks the condition is well formed: ordering bounds are integers, `in`
    /// lists are not empty, ages are within range, keys are not empty.
    pub fn validate(&self) -> Result<(), ZpassError> {
        if self.key().is_empty() {
            return Err(ZpassError::doc("a predicate names an empty key"));
        }
        if let Some(bound) = self.bound() {
            if !matches!(bound, ClaimValue::Integer(_)) {
                return Err(ZpassError::key(
                    self.key(),
                    format!("`{self}`: an ordering comparison needs an integer bound"),
                ));
            }
        }
        match self {
            Predicate::In { values, .. } if values.is_empty() => {
                Err(ZpassError::key(self.key(), "`in` needs at least one value"))
            }
            Predicate::AgeAtLeast { years, at, .. } => cutoff_date(*years, *at).map(|_| ()),
            _ => Ok(()),
        }
    }

    /// Evaluates the condition on a disclosed value: `Ok(())` when it holds, else
    /// why not in one line. `exists` holds for any value.
    pub fn evaluate(&self, actual: &ClaimValue) -> Result<(), String> {
        let shown = |v: &ClaimValue| v.to_node().to_json_pretty().trim_end().to_string();
        let fail = || Err(format!("{} does not satisfy `{self}`", shown(actual)));
        match self {
            // Equality is over the fields the commitment binds, so a value that only
            // looks different (`"FR\0"` beside `"FR"`) never passes `!=`.
            Predicate::Eq { value, .. } => {
                same(actual, value).and_then(|eq| if eq { Ok(()) } else { fail() })
            }
            Predicate::Ne { value, .. } => {
                same_field(actual, value).and_then(|eq| if eq { fail() } else { Ok(()) })
            }
            Predicate::In { values, .. } => {
                for v in values {
                    if same(actual, &v.0)? {
                        return Ok(());
                    }
                }
                fail()
            }
            Predicate::Exists { .. } => Ok(()),
            Predicate::Lt { value, .. }
            | Predicate::Le { value, .. }
            | Predicate::Gt { value, .. }
            | Predicate::Ge { value, .. } => {
                let (ClaimValue::Integer(a), ClaimValue::Integer(b)) = (actual, value) else {
                    return Err(format!(
                        "{} is not an integer, so `{self}` cannot hold",
                        shown(actual)
                    ));
                };
                let ord = compare_integers(a, b);
                let holds = match self {
                    Predicate::Lt { .. } => ord == Ordering::Less,
                    Predicate::Le { .. } => ord != Ordering::Greater,
                    Predicate::Gt { .. } => ord == Ordering::Greater,
                    _ => ord != Ordering::Less,
                };
                holds.then_some(()).map_or_else(fail, Ok)
            }
            Predicate::AgeAtLeast {
                years,
                at,
                dob_format,
                ..
            } => {
                let cutoff = cutoff_date(*years, *at).map_err(|e| e.to_string())?;
                let born = match (dob_format, actual) {
                    (DobFormat::UnixSeconds, ClaimValue::Integer(d)) => d
                        .parse::<i64>()
                        .ok()
                        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
                        .map(|t| t.date()),
                    (DobFormat::Yyyymmdd, ClaimValue::Integer(d)) => {
                        d.parse::<u64>().ok().and_then(yyyymmdd_date)
                    }
                    (DobFormat::IsoDate, ClaimValue::String(s)) => parse_iso_date(s),
                    _ => None,
                };
                match born {
                    None => Err(format!(
                        "{} is not a {} date of birth",
                        shown(actual),
                        dob_format.name()
                    )),
                    Some(born) if born <= cutoff => Ok(()),
                    Some(born) => Err(format!(
                        "born {born}, under {years} on the reference day (born after {cutoff})"
                    )),
                }
            }
        }
    }

    /// Parses the one-line text form, with `at` (seconds) as the reference time of
    /// `age>=` conditions that do not give `at=`:
    /// `KEY == VALUE`, `!=`, `<`, `<=`, `>`, `>=` (spaces optional around the operator),
    /// `KEY in [V1, V2]`, `KEY exists`, `KEY age>=N [unix-seconds|yyyymmdd|iso-date] [at=SECONDS]`.
    /// Values are JSON scalars (`42`, `true`, `"text"`) or bare words (strings).
    pub fn parse_at(expr: &str, at: u64) -> Result<Self, ZpassError> {
        let expr = expr.trim();
        let bad = |why: &str| ZpassError::doc(format!("predicate `{expr}`: {why}"));
        const OPS: [&str; 9] = [
            " exists", " in ", " age>=", "==", "!=", "<=", ">=", "<", ">",
        ];
        let (pos, op) = expr
            .char_indices()
            .find_map(|(i, _)| {
                OPS.iter()
                    .find(|op| expr[i..].starts_with(*op))
                    .map(|op| (i, *op))
            })
            .ok_or_else(|| bad("no operator (==, !=, <, <=, >, >=, in, age>=, exists)"))?;
        let key = expr[..pos].trim().to_string();
        if key.is_empty() {
            return Err(bad("no key before the operator"));
        }
        let rest = expr[pos + op.len()..].trim();
        let predicate = match op.trim() {
            "exists" if rest.is_empty() => Predicate::Exists { key },
            "exists" => return Err(bad("nothing may follow `exists`")),
            "in" => Predicate::In {
                key,
                values: parse_list(rest).map_err(|w| bad(&w))?,
            },
            "age>=" => {
                let mut words = rest.split_whitespace();
                let years = words
                    .next()
                    .and_then(|w| w.parse::<u32>().ok())
                    .ok_or_else(|| bad("age>= needs a whole number of years"))?;
                let (mut format, mut at) = (DobFormat::default(), at);
                for word in words {
                    if let Some(t) = word.strip_prefix("at=") {
                        at = t.parse().map_err(|_| bad("at= needs seconds since 1970"))?;
                    } else {
                        format = DobFormat::from_name(word).ok_or_else(|| {
                            bad("the date format is unix-seconds, yyyymmdd or iso-date")
                        })?;
                    }
                }
                Predicate::AgeAtLeast {
                    key,
                    years,
                    at,
                    dob_format: format,
                }
            }
            cmp => {
                let value = parse_scalar(rest).map_err(|w| bad(&w))?;
                match cmp {
                    "==" => Predicate::Eq { key, value },
                    "!=" => Predicate::Ne { key, value },
                    "<" => Predicate::Lt { key, value },
                    "<=" => Predicate::Le { key, value },
                    ">" => Predicate::Gt { key, value },
                    _ => Predicate::Ge { key, value },
                }
            }
        };
        predicate.validate()?;
        Ok(predicate)
    }

    /// [`Predicate::parse_at`] with the current time as the `age>=` reference.
    pub fn parse(expr: &str) -> Result<Self, ZpassError> {
        Self::parse_at(expr, super::now_unix())
    }
}

/// A scalar in the text form: JSON (`42`, `true`, `"a b"`) or a bare word. A
/// value that opens a quote must be one whole JSON string: read as a bare word,
/// `"Alice` would silently ask for a name that starts with a quote.
fn parse_scalar(text: &str) -> Result<ClaimValue, String> {
    if text.is_empty() {
        return Err("no value after the operator".into());
    }
    match crate::json::parse_json(text) {
        Ok(node @ (Node::String(_) | Node::Bool(_) | Node::Number(_))) => {
            ClaimValue::from_node("value", &node).map_err(|e| e.to_string())
        }
        _ if text.starts_with('"') => Err(match closing_quote(text) {
            None => format!("unterminated string {text} (a quoted value needs its closing `\"`)"),
            Some(q) if q + 1 < text.len() => {
                format!("{text}: nothing may follow the closing quote of a value")
            }
            Some(_) => format!("{text} is not a valid JSON string"),
        }),
        _ if text.contains('"') => Err(format!(
            "the bare word {text} contains `\"`; quote the whole value as a JSON string"
        )),
        _ => Ok(ClaimValue::String(text.to_string())),
    }
}

/// The byte index of the quote that closes the JSON string opening `text`, if any.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate().skip(1) {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b'"' => return Some(i),
            _ => {}
        }
    }
    None
}

/// `[a, b, "c d", 3]`: scalars separated by commas outside quoted strings, so bare
/// words and JSON strings (which may hold commas) mix.
fn parse_list(text: &str) -> Result<Vec<Wrapped>, String> {
    let inner = text
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .ok_or("`in` needs a list in brackets: [a, b]")?;
    if inner.trim().is_empty() {
        return Ok(Vec::new());
    }
    let mut items = Vec::new();
    let mut rest = inner;
    loop {
        let trimmed = rest.trim_start();
        // A quoted item ends at its closing quote; a bare one at the next comma.
        let end = match trimmed.strip_prefix('"') {
            Some(_) => closing_quote(trimmed).map_or(trimmed.len(), |q| {
                q + 1 + trimmed[q + 1..].find(',').unwrap_or(trimmed.len() - q - 1)
            }),
            None => trimmed.find(',').unwrap_or(trimmed.len()),
        };
        let item = trimmed[..end].trim();
        if item.is_empty() {
            return Err("an empty item in the list".into());
        }
        items.push(parse_scalar(item).map(Wrapped)?);
        match trimmed[end..].strip_prefix(',') {
            Some(after) => rest = after,
            None => return Ok(items),
        }
    }
}

impl fmt::Display for Predicate {
    /// The one-line text form [`Predicate::parse_at`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = |v: &ClaimValue| v.to_node().to_json_pretty().trim_end().to_string();
        match self {
            Predicate::Eq { key, value } => write!(f, "{key} == {}", v(value)),
            Predicate::Ne { key, value } => write!(f, "{key} != {}", v(value)),
            Predicate::Lt { key, value } => write!(f, "{key} < {}", v(value)),
            Predicate::Le { key, value } => write!(f, "{key} <= {}", v(value)),
            Predicate::Gt { key, value } => write!(f, "{key} > {}", v(value)),
            Predicate::Ge { key, value } => write!(f, "{key} >= {}", v(value)),
            Predicate::In { key, values } => {
                let items: Vec<String> = values.iter().map(|w| v(&w.0)).collect();
                write!(f, "{key} in [{}]", items.join(", "))
            }
            Predicate::AgeAtLeast {
                key,
                years,
                at,
                dob_format,
            } => write!(f, "{key} age>={years} {} at={at}", dob_format.name()),
            Predicate::Exists { key } => write!(f, "{key} exists"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-01-01T00:00:00Z, from `date -u -d 2026-01-01 +%s`.
    const JAN_1_2026: u64 = 1_767_225_600;

    fn int(s: &str) -> ClaimValue {
        ClaimValue::Integer(s.into())
    }

    #[test]
    fn text_form_round_trips() {
        for expr in [
            "score >= 700",
            "country in [\"FR\", \"DE\"]",
            "name != \"Bob\"",
            "dob age>=18 yyyymmdd at=1767225600",
            "subject exists",
            "address,city == \"Paris\"",
        ] {
            let p = Predicate::parse_at(expr, 0).unwrap();
            assert_eq!(Predicate::parse_at(&p.to_string(), 0).unwrap(), p, "{expr}");
        }
        assert_eq!(
            Predicate::parse_at("age>=21", 5).unwrap(),
            Predicate::Ge {
                key: "age".into(),
                value: int("21")
            }
        );
        assert_eq!(
            Predicate::parse_at("country in [FR, DE]", 0).unwrap(),
            Predicate::In {
                key: "country".into(),
                values: vec![
                    Wrapped(ClaimValue::String("FR".into())),
                    Wrapped(ClaimValue::String("DE".into()))
                ]
            }
        );
        for bad in [
            "score",
            ">= 3",
            "score >= abc",
            "x in []",
            "x exists y",
            "d age>=x",
        ] {
            assert!(Predicate::parse_at(bad, 0).is_err(), "{bad}");
        }
    }

    #[test]
    fn quoted_values_must_be_whole_strings() {
        let err = |expr: &str| Predicate::parse_at(expr, 0).unwrap_err().to_string();
        assert!(err("name == \"Alice").contains("unterminated string"));
        assert!(err("name == \"Al\\\"").contains("unterminated string"));
        assert!(err("name == Alice\"").contains("quote the whole value"));
        assert!(err("name == \"A\" B").contains("nothing may follow"));
        assert!(err("name == \"\\q\"").contains("not a valid JSON string"));
        assert!(err("c in [FR, \"DE]").contains("unterminated string"));
        assert!(err("c in [FR,, DE]").contains("empty item"));
        // Quoted items keep their commas; bare words and JSON scalars mix.
        assert_eq!(
            Predicate::parse_at("c in [FR, \"a, b\", 7, true]", 0).unwrap(),
            Predicate::In {
                key: "c".into(),
                values: vec![
                    Wrapped(ClaimValue::String("FR".into())),
                    Wrapped(ClaimValue::String("a, b".into())),
                    Wrapped(int("7")),
                    Wrapped(ClaimValue::Bool(true)),
                ]
            }
        );
        assert_eq!(
            Predicate::parse_at("name == \"say \\\"hi\\\"\"", 0).unwrap(),
            Predicate::Eq {
                key: "name".into(),
                value: ClaimValue::String("say \"hi\"".into())
            }
        );
    }

    #[test]
    fn comparisons_order_big_integers_numerically() {
        let ge = Predicate::parse_at("n >= 100", 0).unwrap();
        assert!(ge.evaluate(&int("100")).is_ok());
        assert!(ge.evaluate(&int("99")).is_err());
        assert!(ge.evaluate(&int("1000")).is_ok());
        assert!(ge.evaluate(&ClaimValue::String("100".into())).is_err());
        let big = "123456789012345678901234567890";
        let lt = Predicate::parse_at(&format!("n < {big}"), 0).unwrap();
        assert!(lt.evaluate(&int("99999999999999999999")).is_ok());
        assert!(lt.evaluate(&int(big)).is_err());
    }

    #[test]
    fn ages_count_calendar_years() {
        let p = |fmt: &str| Predicate::parse_at(&format!("dob age>=18 {fmt}"), JAN_1_2026).unwrap();
        // Born 2008-01-01: 18 on 2026-01-01 exactly; born a day later: not yet.
        assert!(p("yyyymmdd").evaluate(&int("20080101")).is_ok());
        assert!(p("yyyymmdd").evaluate(&int("20080102")).is_err());
        assert!(p("iso-date")
            .evaluate(&ClaimValue::String("2008-01-01".into()))
            .is_ok());
        assert!(p("iso-date")
            .evaluate(&ClaimValue::String("2008-01-02".into()))
            .is_err());
        // 2008-01-01T23:59:59Z = 1199231999 is still 1 January.
        assert!(p("unix-seconds").evaluate(&int("1199231999")).is_ok());
        assert!(p("unix-seconds").evaluate(&int("1199232000")).is_err());
        assert_eq!(
            age_cutoff(18, JAN_1_2026, DobFormat::UnixSeconds).unwrap(),
            Some(1_199_231_999)
        );
        assert_eq!(
            age_cutoff(18, JAN_1_2026, DobFormat::Yyyymmdd).unwrap(),
            Some(20_080_101)
        );
        // Before 1970 no unix-seconds value qualifies.
        assert_eq!(
            age_cutoff(60, JAN_1_2026, DobFormat::UnixSeconds).unwrap(),
            None
        );
        assert!(p("yyyymmdd").evaluate(&int("20081340")).is_err());
    }

    #[test]
    fn leap_day_birthdays() {
        // Reference 2027-02-28 (1803772800): someone born 2008-02-29 is not 19 yet.
        let at = 1_803_772_800;
        let p = Predicate::parse_at("dob age>=19 yyyymmdd", at).unwrap();
        assert!(p.evaluate(&int("20080229")).is_err());
        assert!(p.evaluate(&int("20080228")).is_ok());
        // Reference 2028-02-29 (1835395200), 19 years back is 2009-02-28.
        let p = Predicate::parse_at("dob age>=19 yyyymmdd", 1_835_395_200).unwrap();
        assert!(p.evaluate(&int("20090228")).is_ok());
        assert!(p.evaluate(&int("20090301")).is_err());
    }
}
