//! An ordered, exact document tree read from JSON or YAML and written as JSON.
//!
//! serde_json's `Value` would round big integers through `f64` (unless the
//! workspace-wide `arbitrary_precision` feature were on) and sort object keys
//! (unless `preserve_order` were on); both features would change every other
//! crate's JSON too. This tree keeps number text verbatim and keys in input order.

use std::fmt::Write as _;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::ZpassError;

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

/// Object members borrowed as raw JSON, duplicates rejected.
struct RawMembers<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for RawMembers<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = RawMembers<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut members: Vec<(String, &'a RawValue)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if members.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom(format!("duplicate key `{key}`")));
                    }
                    let value: &'a RawValue = map.next_value()?;
                    members.push((key, value));
                }
                Ok(RawMembers(members))
            }
        }
        deserializer.deserialize_map(V(std::marker::PhantomData))
    }
}

fn json_error(e: serde_json::Error) -> ZpassError {
    ZpassError::Json(e.to_string())
}

/// Parses JSON text into a [`Node`], keeping key order and number text exact.
pub fn parse_json(text: &str) -> Result<Node, ZpassError> {
    let raw: &RawValue = serde_json::from_str(text).map_err(json_error)?;
    node_from_raw(raw, 0)
}

fn node_from_raw(raw: &RawValue, depth: usize) -> Result<Node, ZpassError> {
    if depth > MAX_NESTING {
        return Err(ZpassError::Json(format!(
            "nesting deeper than {MAX_NESTING} levels"
        )));
    }
    let text = raw.get().trim();
    match text.as_bytes().first() {
        Some(b'{') => {
            let members: RawMembers<'_> = serde_json::from_str(text).map_err(json_error)?;
            members
                .0
                .into_iter()
                .map(|(k, v)| Ok((k, node_from_raw(v, depth + 1)?)))
                .collect::<Result<_, _>>()
                .map(Node::Object)
        }
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(text).map_err(json_error)?;
            items
                .into_iter()
                .map(|v| node_from_raw(v, depth + 1))
                .collect::<Result<_, _>>()
                .map(Node::Array)
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
        while let Some(KeyText(key)) = map.next_key()? {
            if members.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            let AnyNode(value) = map.next_value()?;
            members.push((key, value));
        }
        Ok(Node::Object(members))
    }
}

/// Parses YAML text into a [`Node`]. YAML resolves integers above `u128::MAX` and
/// decimals to `f64`, which would show a 99-digit integer as `1e98` and turn
/// `1.00000000000000000001` into `1.0`; a second pass reads those scalars' text as
/// written and keeps it wherever it is a JSON number.
pub fn parse_yaml(text: &str) -> Result<Node, ZpassError> {
    let AnyNode(mut node) =
        serde_norway::from_str(text).map_err(|e| ZpassError::Yaml(e.to_string()))?;
    check_depth(&node, 0)?;
    let de = serde_norway::Deserializer::from_str(text);
    de::DeserializeSeed::deserialize(FloatText(&mut node), de)
        .map_err(|e| ZpassError::Yaml(e.to_string()))?;
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

fn check_depth(node: &Node, depth: usize) -> Result<(), ZpassError> {
    if depth > MAX_NESTING {
        return Err(ZpassError::Yaml(format!(
            "nesting deeper than {MAX_NESTING} levels"
        )));
    }
    match node {
        Node::Object(members) => members
            .iter()
            .try_for_each(|(_, v)| check_depth(v, depth + 1)),
        Node::Array(items) => items.iter().try_for_each(|v| check_depth(v, depth + 1)),
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
