//! An ordered, exact document tree read from JSON or YAML and written as JSON.
//!
//! serde_json's `Value` would round big integers through `f64` (unless the
//! workspace-wide `arbitrary_precision` feature were on) and sort object keys
//! (unless `preserve_order` were on); both features would change every other
//! crate's JSON too. This tree keeps number text verbatim and keys in input order.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::ZpassError;
use crate::limits::Limits;

/// Deepest nesting accepted, so hostile input cannot exhaust the stack.
pub const MAX_NESTING: usize = 64;

/// One node of a document, objects in input order, numbers as their source text.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An object's members in input order.
    Object(Vec<(String, Node)>),
    /// An array.
    Array(Vec<Node>),
    /// A string.
    String(String),
    /// A number exactly as written (JSON) or as the YAML scalar resolved.
    Number(String),
    /// A boolean.
    Bool(bool),
    /// `null` (JSON) or an empty/`~` scalar (YAML).
    Null,
}

impl Node {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string content, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }

    /// A short name of the node's kind, for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Object(_) => "an object",
            Node::Array(_) => "an array",
            Node::String(_) => "a string",
            Node::Number(_) => "a number",
            Node::Bool(_) => "a boolean",
            Node::Null => "null",
        }
    }

    /// Pretty JSON text (two-space indent, trailing newline).
    pub fn to_json_pretty(&self) -> String {
        let mut out = String::new();
        write_node(&mut out, self, 0);
        out.push('\n');
        out
    }
}

fn write_string(out: &mut String, s: &str) {
    // serde_json's escaping of a plain string cannot fail.
    match serde_json::to_string(s) {
        Ok(quoted) => out.push_str(&quoted),
        Err(_) => out.push_str("\"\""),
    }
}

fn write_node(out: &mut String, node: &Node, indent: usize) {
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Number(n) => out.push_str(n),
        Node::String(s) => write_string(out, s),
        Node::Array(items) if items.is_empty() => out.push_str("[]"),
        Node::Object(members) if members.is_empty() => out.push_str("{}"),
        Node::Array(items) => {
            // Arrays of scalars stay on one line: proofs read better that way.
            if items
                .iter()
                .all(|i| !matches!(i, Node::Array(_) | Node::Object(_)))
            {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_node(out, item, indent);
                }
                out.push(']');
                return;
            }
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                let _ = write!(out, "{:width$}", "", width = indent + 2);
                write_node(out, item, indent + 2);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{:width$}]", "", width = indent);
        }
        Node::Object(members) => {
            out.push_str("{\n");
            for (i, (k, v)) in members.iter().enumerate() {
                let _ = write!(out, "{:width$}", "", width = indent + 2);
                write_string(out, k);
                out.push_str(": ");
                write_node(out, v, indent + 2);
                out.push_str(if i + 1 < members.len() { ",\n" } else { "\n" });
            }
            let _ = write!(out, "{:width$}}}", "", width = indent);
        }
    }
}

/// Values a document may hold unless its reader is given other [`Limits`].
///
/// Every claim costs about a kilobyte once salted, hashed and placed in the tree,
/// and an array element can be two bytes of input, so the bound is on values,
/// not bytes: at this default a certificate stays within a few hundred megabytes.
pub const DEFAULT_MAX_VALUES: usize = 1 << 18;

/// The error for a document over the value bound.
fn too_many_values(limit: usize) -> ZpassError {
    ZpassError::TooManyValues(limit)
}

/// What one JSON parse may still spend, and the first failure that is not
/// serde_json's own (kept whole, so its message is not decorated with a position
/// at every level it passes through).
struct Budget {
    left: usize,
    limit: usize,
    failure: Option<ZpassError>,
}

impl Budget {
    fn take(&mut self) -> Result<(), ZpassError> {
        match self.left.checked_sub(1) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(too_many_values(self.limit)),
        }
    }

    /// Records `e` and returns a placeholder for serde to carry out.
    fn fail<E: de::Error>(&mut self, e: ZpassError) -> E {
        self.failure = Some(e);
        E::custom("stopped")
    }
}

/// Reads one object or array whose members arrive as raw JSON, converting each
/// as it comes (no intermediate list of raw members).
struct Container<'b> {
    depth: usize,
    budget: &'b mut Budget,
}

impl<'de, 'b> Visitor<'de> for Container<'b> {
    type Value = Node;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object or array")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members: Vec<(String, Node)> = Vec::new();
        // A set, not a scan of `members`: duplicate detection stays linear.
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if seen.contains(&key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let raw: &RawValue = map.next_value()?;
            let node =
                node_from_raw(raw, self.depth + 1, self.budget).map_err(|e| self.budget.fail(e))?;
            seen.insert(key.clone());
            members.push((key, node));
        }
        Ok(Node::Object(members))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(raw) = seq.next_element::<&RawValue>()? {
            items.push(
                node_from_raw(raw, self.depth + 1, self.budget).map_err(|e| self.budget.fail(e))?,
            );
        }
        Ok(Node::Array(items))
    }
}

fn json_error(e: serde_json::Error) -> ZpassError {
    ZpassError::Json(e.to_string())
}

/// Parses JSON text into a [`Node`], keeping key order and number text exact.
///
/// Time is linear in the text times the nesting depth (at most
/// [`MAX_NESTING`]); the tree holds at most [`DEFAULT_MAX_VALUES`] values.
pub fn parse_json(text: &str) -> Result<Node, ZpassError> {
    parse_json_with(text, Limits::DEFAULT)
}

/// [`parse_json`] under `limits`: at most `limits.max_values` values.
pub fn parse_json_with(text: &str, limits: Limits) -> Result<Node, ZpassError> {
    let limit = limits.max_values;
    let raw: &RawValue = serde_json::from_str(text).map_err(json_error)?;
    let mut budget = Budget {
        left: limit,
        limit,
        failure: None,
    };
    node_from_raw(raw, 0, &mut budget)
}

fn node_from_raw(raw: &RawValue, depth: usize, budget: &mut Budget) -> Result<Node, ZpassError> {
    if depth > MAX_NESTING {
        return Err(ZpassError::Json(format!(
            "nesting deeper than {MAX_NESTING} levels"
        )));
    }
    budget.take()?;
    let text = raw.get().trim();
    match text.as_bytes().first() {
        Some(b'{' | b'[') => {
            let mut de = serde_json::Deserializer::from_str(text);
            let container = Container {
                depth,
                budget: &mut *budget,
            };
            let parsed = if text.starts_with('{') {
                de.deserialize_map(container)
            } else {
                de.deserialize_seq(container)
            };
            parsed.map_err(|e| budget.failure.take().unwrap_or_else(|| json_error(e)))
        }
        Some(b'"') => serde_json::from_str::<String>(text)
            .map(Node::String)
            .map_err(json_error),
        Some(b't') => Ok(Node::Bool(true)),
        Some(b'f') => Ok(Node::Bool(false)),
        Some(b'n') => Ok(Node::Null),
        // serde_json has checked the grammar: anything else is a number.
        _ => Ok(Node::Number(text.to_string())),
    }
}

/// A [`Node`] read through serde from any self-describing format (YAML here).
struct AnyNode(Node);

impl<'de> Deserialize<'de> for AnyNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor).map(AnyNode)
    }
}

/// A mapping key: YAML allows scalars other than strings as keys.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match deserializer.deserialize_any(NodeVisitor)? {
            Node::String(s) | Node::Number(s) => Ok(KeyText(s)),
            Node::Bool(b) => Ok(KeyText(b.to_string())),
            other => Err(de::Error::custom(format!(
                "a mapping key must be a scalar, found {}",
                other.kind()
            ))),
        }
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        // `.inf` and `.nan` have no JSON form: kept, they would make the written
        // document (say its `metadata`) unreadable.
        if !v.is_finite() {
            return Err(E::custom(format!(
                "the non-finite number {v} has no JSON form"
            )));
        }
        // Debug keeps a `.` or exponent, so the text is recognised as a float later.
        Ok(Node::Number(format!("{v:?}")))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::String(v))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(AnyNode(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut members: Vec<(String, Node)> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(KeyText(key)) = map.next_key()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let AnyNode(value) = map.next_value()?;
            members.push((key, value));
        }
        Ok(Node::Object(members))
    }
}

/// Bytes of YAML read per allowed value.
///
/// serde_norway loads a whole document's events (about a hundred bytes each, and
/// up to one per input byte) before any visitor sees them, so YAML is bounded by
/// its length before it is parsed.
pub const YAML_BYTES_PER_VALUE: usize = 16;

/// Parses YAML text into a [`Node`]. Integers up to `u128::MAX` are exact; YAML
/// resolves larger ones to floats, which are then rejected as floats.
pub fn parse_yaml(text: &str) -> Result<Node, ZpassError> {
    parse_yaml_with(text, Limits::DEFAULT)
}

/// [`parse_yaml`] under `limits`: at most `limits.max_values` values, and
/// [`YAML_BYTES_PER_VALUE`] bytes of text per allowed value.
pub fn parse_yaml_with(text: &str, limits: Limits) -> Result<Node, ZpassError> {
    let limit = limits.max_values;
    let byte_limit = limit.saturating_mul(YAML_BYTES_PER_VALUE);
    if text.len() > byte_limit {
        return Err(ZpassError::Yaml(format!(
            "{} bytes is over the {byte_limit} bytes read as YAML ({YAML_BYTES_PER_VALUE} per allowed value; `--max-values N` raises the limit)",
            text.len()
        )));
    }
    let AnyNode(node) = serde_norway::from_str(text).map_err(ZpassError::YamlSyntax)?;
    let mut left = limit;
    check_shape(&node, 0, &mut left).map_err(|e| match e {
        ShapeError::Deep => ZpassError::Yaml(format!("nesting deeper than {MAX_NESTING} levels")),
        ShapeError::Large => too_many_values(limit),
    })?;
    // YAML resolves integers above `u128::MAX` and decimals to `f64`, which would
    // show a 99-digit integer as `1e98` and turn `1.00000000000000000001` into
    // `1.0`; a second pass reads those scalars' text as written and keeps it
    // wherever it is a JSON number.
    let mut node = node;
    let de = serde_norway::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(FloatText(&mut node), de).map_err(ZpassError::YamlSyntax)?;
    Ok(node)
}

/// The second YAML pass: walks the tree the first pass built and replaces each
/// number read through `f64` (its text has a `.` or an exponent) by the scalar's text.
struct FloatText<'a>(&'a mut Node);

impl<'de> de::DeserializeSeed<'de> for FloatText<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0 {
            Node::Object(members) => d.deserialize_map(FloatTextMap(members)),
            Node::Array(items) => d.deserialize_seq(FloatTextSeq(items)),
            Node::Number(shown) if shown.contains(['.', 'e', 'E']) => {
                let written = String::deserialize(d)?;
                if serde_json::from_str::<&RawValue>(&written).is_ok() && !written.starts_with('"')
                {
                    *shown = written;
                }
                Ok(())
            }
            _ => de::IgnoredAny::deserialize(d).map(|_| ()),
        }
    }
}

struct FloatTextMap<'a>(&'a mut Vec<(String, Node)>);

impl<'de> Visitor<'de> for FloatTextMap<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the mapping of the first pass")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        for (_, value) in self.0.iter_mut() {
            if map.next_key::<de::IgnoredAny>()?.is_none() {
                return Err(de::Error::custom("the mapping changed between passes"));
            }
            map.next_value_seed(FloatText(value))?;
        }
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(())
    }
}

struct FloatTextSeq<'a>(&'a mut Vec<Node>);

impl<'de> Visitor<'de> for FloatTextSeq<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("the sequence of the first pass")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for item in self.0.iter_mut() {
            if seq.next_element_seed(FloatText(item))?.is_none() {
                return Err(de::Error::custom("the sequence changed between passes"));
            }
        }
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

enum ShapeError {
    Deep,
    Large,
}

fn check_shape(node: &Node, depth: usize, left: &mut usize) -> Result<(), ShapeError> {
    if depth > MAX_NESTING {
        return Err(ShapeError::Deep);
    }
    *left = left.checked_sub(1).ok_or(ShapeError::Large)?;
    match node {
        Node::Object(members) => members
            .iter()
            .try_for_each(|(_, v)| check_shape(v, depth + 1, left)),
        Node::Array(items) => items
            .iter()
            .try_for_each(|v| check_shape(v, depth + 1, left)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_big_integers() {
        let text =
            r#"{"z": 1, "a": 123456789012345678901234567890123456789, "m": [true, null, "x"]}"#;
        let node = parse_json(text).unwrap();
        let Node::Object(members) = &node else {
            panic!("not an object")
        };
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["z", "a", "m"]);
        assert_eq!(
            node.get("a"),
            Some(&Node::Number(
                "123456789012345678901234567890123456789".into()
            ))
        );
        let again = parse_json(&node.to_json_pretty()).unwrap();
        assert_eq!(again, node);
    }

    #[test]
    fn rejects_duplicates_and_deep_nesting() {
        assert!(parse_json(r#"{"a": 1, "a": 2}"#).is_err());
        assert!(parse_yaml("a: 1\na: 2\n").is_err());
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse_json(&deep).is_err());
    }

    /// A certificate-shaped object of `n` integer claims.
    fn many_keys(n: usize, last: &str) -> String {
        let mut text = String::from(r#"{"type": "KYC", "issuer": "aleo1x""#);
        for i in 0..n {
            text.push_str(&format!(r#", "k{i}": {i}"#));
        }
        text.push_str(&format!(r#", "{last}": 0}}"#));
        text
    }

    #[test]
    fn two_hundred_thousand_keys_parse_and_a_late_duplicate_is_named() {
        let n = 200_000;
        let node =
            parse_json_with(&many_keys(n, "last"), Limits::with_max_values(usize::MAX)).unwrap();
        let Node::Object(members) = &node else {
            panic!("not an object")
        };
        assert_eq!(members.len(), n + 3);
        assert_eq!(node.get("k199999"), Some(&Node::Number("199999".into())));
        let err = parse_json_with(&many_keys(n, "k0"), Limits::with_max_values(usize::MAX))
            .unwrap_err()
            .to_string();
        assert!(err.contains("duplicate key `k0`"), "{err}");
        // The same in YAML, whose duplicate check is the visitor's own.
        let mut yaml = String::from("type: KYC\nissuer: aleo1x\n");
        for i in 0..n {
            yaml.push_str(&format!("k{i}: {i}\n"));
        }
        yaml.push_str("k7: 1\n");
        let err = parse_yaml_with(&yaml, Limits::with_max_values(usize::MAX))
            .unwrap_err()
            .to_string();
        assert!(err.contains("duplicate key `k7`"), "{err}");
    }

    #[test]
    fn parser_errors_carry_their_source() {
        let err = parse_yaml("a: [1, 2").unwrap_err();
        let source = std::error::Error::source(&err).expect("the parser's error");
        assert!(source.downcast_ref::<serde_norway::Error>().is_some());
        assert!(err.to_string().starts_with("invalid YAML: "), "{err}");
        assert!(err.to_string().ends_with(&source.to_string()), "{err}");
        let err = crate::flow::Request::parse("{\"kind\": 7}").unwrap_err();
        let source = std::error::Error::source(&err).expect("the parser's error");
        assert!(source.downcast_ref::<serde_json::Error>().is_some());
        assert!(
            err.to_string().starts_with("invalid JSON: request: "),
            "{err}"
        );
    }

    #[test]
    fn the_value_bound_counts_every_value() {
        // An object, two strings, an array and its seven elements: eleven values.
        let text = r#"{"type": "KYC", "issuer": "aleo1x", "a": [1, 2, 3, 4, 5, 6, 7]}"#;
        assert!(parse_json_with(text, Limits::with_max_values(11)).is_ok());
        let err = parse_json_with(text, Limits::with_max_values(10)).unwrap_err();
        assert!(matches!(err, ZpassError::TooManyValues(10)), "{err}");
        assert!(err.to_string().contains("--max-values"), "{err}");
        let yaml = "type: KYC\nissuer: aleo1x\na: [1, 2, 3, 4, 5, 6, 7]\n";
        assert!(parse_yaml_with(yaml, Limits::with_max_values(11)).is_ok());
        let err = parse_yaml_with(yaml, Limits::with_max_values(10)).unwrap_err();
        assert!(matches!(err, ZpassError::TooManyValues(10)), "{err}");
        // Below the bytes three values allow, YAML is refused before it is loaded.
        let err = parse_yaml_with(yaml, Limits::with_max_values(3))
            .unwrap_err()
            .to_string();
        assert!(err.contains("48 bytes read as YAML"), "{err}");
    }

    #[test]
    fn errors_inside_nesting_keep_their_own_text() {
        let err = parse_json_with(
            r#"{"a": {"b": [1, {"c": 1, "c": 2}]}}"#,
            Limits::with_max_values(usize::MAX),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("duplicate key `c`"), "{err}");
        assert_eq!(err.matches("line").count(), 1, "{err}");
        let err = parse_json_with(r#"{"a": [[1, 2], [3]]}"#, Limits::with_max_values(5))
            .unwrap_err()
            .to_string();
        assert!(err.contains("more than 5 values"), "{err}");
    }

    #[test]
    fn yaml_numbers_keep_their_kind() {
        let node =
            parse_yaml("a: 340282366920938463463374607431768211455\nb: -3\nc: 1.5\nd: 2.0\n")
                .unwrap();
        assert_eq!(node.get("a"), Some(&Node::Number(u128::MAX.to_string())));
        assert_eq!(node.get("b"), Some(&Node::Number("-3".into())));
        assert_eq!(node.get("c"), Some(&Node::Number("1.5".into())));
        assert_eq!(node.get("d"), Some(&Node::Number("2.0".into())));
    }

    #[test]
    fn yaml_numbers_read_through_f64_keep_their_text() {
        let big = format!("1{}", "0".repeat(98));
        let yaml = format!(
            "big: {big}\nfine: 1.00000000000000000001\nplus: +2.5\nlist: [1e3, 7]\n\
             anchor: &x 3.250\nalias: *x\nnested: {{deep: [{{v: 0.10}}]}}\n"
        );
        let node = parse_yaml(&yaml).unwrap();
        let number = |n: &Node| match n {
            Node::Number(t) => t.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(number(node.get("big").unwrap()), big);
        assert_eq!(number(node.get("fine").unwrap()), "1.00000000000000000001");
        // `+2.5` is no JSON number: the f64 reading stays.
        assert_eq!(number(node.get("plus").unwrap()), "2.5");
        let Some(Node::Array(list)) = node.get("list") else {
            panic!("list")
        };
        assert_eq!(number(&list[0]), "1e3");
        assert_eq!(number(&list[1]), "7");
        assert_eq!(number(node.get("anchor").unwrap()), "3.250");
        assert_eq!(number(node.get("alias").unwrap()), "3.250");
        let deep = &node.get("nested").unwrap().get("deep").unwrap();
        let Node::Array(items) = deep else {
            panic!("deep")
        };
        assert_eq!(number(items[0].get("v").unwrap()), "0.10");
        // A claim of 99 digits is named as an integer above the modulus, not as `1e98`.
        let err = crate::ClaimValue::from_node("n", node.get("big").unwrap())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not below the field modulus"), "{err}");
    }
}
