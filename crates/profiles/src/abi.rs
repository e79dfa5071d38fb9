//! Solidity ABI encoding (`abi.encode`) of the basic types OpenZeppelin's trees hash:
//! `address`, `bool`, `uintN`, `bytesN`, `bytes` and `string`, from JSON values as
//! OpenZeppelin's tools write them (hex strings for addresses and bytes, decimal or `0x`
//! hex strings or numbers for integers, booleans, strings).

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::ProfileError;

/// One ABI type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AbiType {
    /// `address`: 20 bytes, left-padded.
    Address,
    /// `bool`.
    Bool,
    /// `uintN`, N a multiple of 8 from 8 to 256 (`uint` is `uint256`).
    Uint(u16),
    /// `bytesN`, N from 1 to 32, right-padded.
    FixedBytes(u8),
    /// `bytes`: dynamic.
    Bytes,
    /// `string`: dynamic, UTF-8.
    String,
}

impl AbiType {
    /// Whether the value lives in the tail (offset in the head).
    pub fn is_dynamic(self) -> bool {
        matches!(self, AbiType::Bytes | AbiType::String)
    }
}

impl fmt::Display for AbiType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AbiType::Address => f.write_str("address"),
            AbiType::Bool => f.write_str("bool"),
            AbiType::Uint(bits) => write!(f, "uint{bits}"),
            AbiType::FixedBytes(n) => write!(f, "bytes{n}"),
            AbiType::Bytes => f.write_str("bytes"),
            AbiType::String => f.write_str("string"),
        }
    }
}

impl FromStr for AbiType {
    type Err = ProfileError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let unsupported = || {
            ProfileError::input(format!(
                "unsupported ABI type '{s}' (expected address, bool, uintN, bytesN, bytes or string)"
            ))
        };
        match s {
            "address" => return Ok(AbiType::Address),
            "bool" => return Ok(AbiType::Bool),
            "bytes" => return Ok(AbiType::Bytes),
            "string" => return Ok(AbiType::String),
            "uint" => return Ok(AbiType::Uint(256)),
            _ => {}
        }
        let number = |rest: &str| -> Option<u16> {
            if rest.starts_with('0') {
                return None;
            }
            rest.parse().ok()
        };
        if let Some(rest) = s.strip_prefix("uint") {
            return match number(rest) {
                Some(bits) if bits % 8 == 0 && (8..=256).contains(&bits) => Ok(AbiType::Uint(bits)),
                _ => Err(unsupported()),
            };
        }
        if let Some(rest) = s.strip_prefix("bytes") {
            return match number(rest) {
                Some(n) if (1..=32).contains(&n) => Ok(AbiType::FixedBytes(n as u8)),
                _ => Err(unsupported()),
            };
        }
        Err(unsupported())
    }
}

/// Parses a comma-separated type list (`address,uint256`).
pub fn parse_types(list: &str) -> Result<Vec<AbiType>, ProfileError> {
    list.split(',').map(|t| t.trim().parse()).collect()
}

fn hex_bytes(value: &Value, what: AbiType) -> Result<Vec<u8>, ProfileError> {
    let text = value.as_str().ok_or_else(|| {
        ProfileError::input(format!("a {what} value must be a hex string, got {value}"))
    })?;
    let digits = text.strip_prefix("0x").ok_or_else(|| {
        ProfileError::input(format!("a {what} value must start with 0x, got '{text}'"))
    })?;
    hex::decode(digits).map_err(|e| ProfileError::input(format!("'{text}' is not hex: {e}")))
}

/// A non-negative integer as 32 big-endian bytes, checked against `bits`.
fn uint_word(value: &Value, bits: u16) -> Result<[u8; 32], ProfileError> {
    let text = match value {
        Value::Number(n) => n.as_u64().map(|v| v.to_string()).ok_or_else(|| {
            ProfileError::input(format!(
                "uint{bits} value {n} is not a non-negative integer"
            ))
        })?,
        Value::String(s) => s.clone(),
        other => {
            return Err(ProfileError::input(format!(
                "uint{bits} value must be a number or string, got {other}"
            )))
        }
    };
    let mut word = [0u8; 32];
    let bad = || ProfileError::input(format!("'{text}' is not a uint{bits}"));
    if let Some(hex_digits) = text.strip_prefix("0x") {
        if hex_digits.is_empty() || hex_digits.len() > 64 {
            return Err(bad());
        }
        let padded = format!("{hex_digits:0>64}");
        let bytes = hex::decode(padded).map_err(|_| bad())?;
        word.copy_from_slice(&bytes);
    } else {
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        for digit in text.bytes().map(|b| b - b'0') {
            // word = word * 10 + digit, failing on overflow past 256 bits.
            let mut carry = u16::from(digit);
            for byte in word.iter_mut().rev() {
                let v = u16::from(*byte) * 10 + carry;
                *byte = (v & 0xff) as u8;
                carry = v >> 8;
            }
            if carry != 0 {
                return Err(bad());
            }
        }
    }
    let used_bytes = 32 - usize::from(bits / 8);
    if word[..used_bytes].iter().any(|&b| b != 0) {
        return Err(bad());
    }
    Ok(word)
}

fn static_word(ty: AbiType, value: &Value) -> Result<[u8; 32], ProfileError> {
    let mut word = [0u8; 32];
    match ty {
        AbiType::Address => {
            let bytes = hex_bytes(value, ty)?;
            if bytes.len() != 20 {
                return Err(ProfileError::input(format!(
                    "an address has 20 bytes, got {}",
                    bytes.len()
                )));
            }
            word[12..].copy_from_slice(&bytes);
        }
        AbiType::Bool => {
            let b = match value {
                Value::Bool(b) => *b,
                Value::String(s) if s == "true" => true,
                Value::String(s) if s == "false" => false,
                other => {
                    return Err(ProfileError::input(format!(
                        "a bool value must be true or false, got {other}"
                    )))
                }
            };
            word[31] = u8::from(b);
        }
        AbiType::Uint(bits) => word = uint_word(value, bits)?,
        AbiType::FixedBytes(n) => {
            let bytes = hex_bytes(value, ty)?;
            if bytes.len() != usize::from(n) {
                return Err(ProfileError::input(format!(
                    "a bytes{n} value has {n} bytes, got {}",
                    bytes.len()
                )));
            }
            word[..bytes.len()].copy_from_slice(&bytes);
        }
        AbiType::Bytes | AbiType::String => {
            return Err(ProfileError::input(format!("{ty} is not a static type")));
        }
    }
    Ok(word)
}

fn dynamic_bytes(ty: AbiType, value: &Value) -> Result<Vec<u8>, ProfileError> {
    match ty {
        AbiType::Bytes => hex_bytes(value, ty),
        _ => value
            .as_str()
            .map(|s| s.as_bytes().to_vec())
            .ok_or_else(|| {
                ProfileError::input(format!("a string value must be a JSON string, got {value}"))
            }),
    }
}

fn length_word(len: usize) -> [u8; 32] {
    let mut word = [0u8; 32];
    word[24..].copy_from_slice(&(len as u64).to_be_bytes());
    word
}

/// `abi.encode(values...)` for values of the given types.
pub fn encode(types: &[AbiType], values: &[Value]) -> Result<Vec<u8>, ProfileError> {
    if types.len() != values.len() {
        return Err(ProfileError::input(format!(
            "{} values for {} types",
            values.len(),
            types.len()
        )));
    }
    let head_len = 32 * types.len();
    let mut head = Vec::with_capacity(head_len);
    let mut tail = Vec::new();
    for (&ty, value) in types.iter().zip(values) {
        if ty.is_dynamic() {
            let data = dynamic_bytes(ty, value)?;
            head.extend_from_slice(&length_word(head_len + tail.len()));
            tail.extend_from_slice(&length_word(data.len()));
            tail.extend_from_slice(&data);
            tail.resize(tail.len() + (32 - data.len() % 32) % 32, 0);
        } else {
            head.extend_from_slice(&static_word(ty, value)?);
        }
    }
    head.extend_from_slice(&tail);
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn encodes_the_solidity_docs_example() {
        // The Solidity ABI specification's example: f(uint256,uint32[],bytes10,bytes) is out
        // of scope (arrays), so check its `bytes` tail rule with abi.encode(uint256 0x123, bytes "Hello, world!").
        let enc = encode(
            &[AbiType::Uint(256), AbiType::Bytes],
            &[
                json!("0x123"),
                json!(format!("0x{}", hex::encode("Hello, world!"))),
            ],
        )
        .unwrap();
        let expected = concat!(
            "0000000000000000000000000000000000000000000000000000000000000123",
            "0000000000000000000000000000000000000000000000000000000000000040",
            "000000000000000000000000000000000000000000000000000000000000000d",
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000"
        );
        assert_eq!(hex::encode(enc), expected);
    }

    #[test]
    fn parses_types_and_rejects_bad_values() {
        assert_eq!(
            parse_types("address, uint256,bytes32").unwrap(),
            vec![
                AbiType::Address,
                AbiType::Uint(256),
                AbiType::FixedBytes(32)
            ]
        );
        for bad in [
            "uint7", "uint264", "bytes33", "bytes0", "int256", "uint08", "tuple",
        ] {
            assert!(bad.parse::<AbiType>().is_err(), "{bad}");
        }
        let max = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
        assert!(encode(&[AbiType::Uint(256)], &[json!(max)]).is_ok());
        let over = "115792089237316195423570985008687907853269984665640564039457584007913129639936";
        assert!(encode(&[AbiType::Uint(256)], &[json!(over)]).is_err());
        assert!(encode(&[AbiType::Uint(8)], &[json!(256)]).is_err());
        assert!(encode(&[AbiType::Uint(8)], &[json!(255)]).is_ok());
        assert!(encode(&[AbiType::Address], &[json!("0x1234")]).is_err());
        assert!(encode(&[AbiType::Bool], &[json!(1)]).is_err());
        assert!(encode(&[AbiType::Uint(256)], &[json!(-1)]).is_err());
        assert!(encode(&[AbiType::Uint(256)], &[json!("1e3")]).is_err());
        assert!(encode(&[AbiType::Bytes], &[json!("zz")]).is_err());
        assert!(encode(&[AbiType::Address, AbiType::Bool], &[json!(true)]).is_err());
    }
}
