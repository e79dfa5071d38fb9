//! Key normalization: hierarchical input to flat `key,sub` claims, in input order.

use crate::error::ZpassError;
use crate::json::Node;
use crate::value::ClaimValue;

/// Top-level keys that are never hashed (the spec's reserved words).
pub const RESERVED: [&str; 2] = ["private", "metadata"];

/// How array elements are named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ArrayStyle {
    /// The spec's note: `[]` marks the key holding the array (`tags[],0`, `tags[],1`).
    #[default]
    Spec,
    /// The reference SDK's form: `tags,0`, `tags,1`.
    Sdk,
}

/// A hierarchical certificate flattened: claims in input order and the metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct Flattened {
    /// `(normalized key, value)` in input order.
    pub entries: Vec<(String, ClaimValue)>,
    /// The top-level `metadata` member, carried along unhashed.
    pub metadata: Option<Node>,
}

/// Flattens a parsed certificate. Errors name the flattened key at fault.
pub fn flatten(root: &Node, arrays: ArrayStyle) -> Result<Flattened, ZpassError> {
    let Node::Object(members) = root else {
        return Err(ZpassError::doc(format!(
            "a certificate must be an object of claims, found {}",
            root.kind()
        )));
    };
    let mut out = Flattened {
        entries: Vec::new(),
        metadata: None,
    };
    for (key, value) in members {
        match key.as_str() {
            "metadata" => out.metadata = Some(value.clone()),
            "private" => {}
            _ => walk(key.clone(), value, arrays, &mut out.entries)?,
        }
    }
    // Collisions are checked once at the end: `a,b` may come from `{"a": {"b"}}` or a literal key.
    let mut seen = std::collections::HashSet::with_capacity(out.entries.len());
    for (key, _) in &out.entries {
        if !seen.insert(key.as_str()) {
            return Err(ZpassError::key(
                key,
                "two claims flatten to this key (a literal key containing `,` or `[]` collides with a nested one)",
            ));
        }
    }
    for required in ["type", "issuer"] {
        if !seen.contains(required) {
            return Err(ZpassError::Missing(required));
        }
    }
    Ok(out)
}

fn walk(
    key: String,
    node: &Node,
    arrays: ArrayStyle,
    out: &mut Vec<(String, ClaimValue)>,
) -> Result<(), ZpassError> {
    if key.is_empty() || key.ends_with(',') {
        return Err(ZpassError::key(key, "empty key segment"));
    }
    match node {
        Node::Object(members) => {
            if members.is_empty() {
                return Err(ZpassError::key(
                    key,
                    "empty object: it would contribute no claim",
                ));
            }
            for (sub, value) in members {
                walk(format!("{key},{sub}"), value, arrays, out)?;
            }
            Ok(())
        }
        Node::Array(items) => {
            if items.is_empty() {
                return Err(ZpassError::key(
                    key,
                    "empty array: it would contribute no claim",
                ));
            }
            let base = match arrays {
                ArrayStyle::Spec => format!("{key}[]"),
                ArrayStyle::Sdk => key,
            };
            for (i, value) in items.iter().enumerate() {
                walk(format!("{base},{i}"), value, arrays, out)?;
            }
            Ok(())
        }
        scalar => {
            let value = ClaimValue::from_node(&key, scalar)?;
            out.push((key, value));
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{parse_json, parse_yaml};

    fn keys(text: &str, style: ArrayStyle) -> Vec<String> {
        let f = flatten(&parse_json(text).unwrap(), style).unwrap();
        f.entries.into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn nested_objects_and_arrays() {
        let text = r#"{"type":"KYC","issuer":"x","address":{"street":"Main","city":"Oslo"},
            "tags":["a",{"n":1},[true]],"private":["1u64"],"metadata":{"note":1.5}}"#;
        assert_eq!(
            keys(text, ArrayStyle::Spec),
            [
                "type",
                "issuer",
                "address,street",
                "address,city",
                "tags[],0",
                "tags[],1,n",
                "tags[],2[],0"
            ]
        );
        assert_eq!(
            keys(text, ArrayStyle::Sdk),
            [
                "type",
                "issuer",
                "address,street",
                "address,city",
                "tags,0",
                "tags,1,n",
                "tags,2,0"
            ]
        );
    }

    #[test]
    fn errors_name_the_key() {
        let cases = [
            (r#"{"type":"t","issuer":"i","a":{"b":1.5}}"#, "a,b"),
            (r#"{"type":"t","issuer":"i","n":-4}"#, "`n`"),
            (r#"{"type":"t","issuer":"i","z":null}"#, "`z`"),
            (r#"{"type":"t","issuer":"i","a":{"b":1},"a,b":2}"#, "a,b"),
            (r#"{"type":"t","issuer":"i","e":{}}"#, "`e`"),
            (r#"{"type":"t","issuer":"i","e":[]}"#, "`e`"),
            (r#"{"issuer":"i"}"#, "type"),
            (r#"{"type":"t"}"#, "issuer"),
        ];
        for (text, needle) in cases {
            let err = flatten(&parse_json(text).unwrap(), ArrayStyle::Spec)
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }

    #[test]
    fn yaml_and_json_agree() {
        let yaml = "type: KYC\nissuer: aleo1\nage: 30\nok: true\nlist:\n  - x\n";
        let json = r#"{"type":"KYC","issuer":"aleo1","age":30,"ok":true,"list":["x"]}"#;
        let a = flatten(&parse_yaml(yaml).unwrap(), ArrayStyle::Spec).unwrap();
        let b = flatten(&parse_json(json).unwrap(), ArrayStyle::Spec).unwrap();
        assert_eq!(a, b);
    }
}
