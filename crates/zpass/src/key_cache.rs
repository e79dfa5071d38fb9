//! Key identifiers cached per certificate schema.
//!
//! A key identifier is `hash(type + issuer + key)`: it depends on the schema (the
//! certificate type, the issuer and the key) and never on salts or values. An
//! issuer that signs many certificates of one schema would otherwise hash the
//! same 1,000 identifiers for every certificate; with a [`KeyIdCache`] it hashes
//! them for the first certificate of a schema and looks them up afterwards, so a
//! certificate costs four hashes per claim instead of five (plus the tree).
//!
//! A schema is `(type, issuer, keys in claim order)`, compared in full: the
//! fingerprint only picks the bucket, so two schemas never share an entry.
//! The cache holds at most its capacity of schemas and drops the oldest first.
//! Cached identifiers are the same numbers [`crate::key_identifier`] returns (on
//! either hash path), so certificates issue bit-identically with or without it.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use crate::certificate::Claim;

/// One schema and its key identifiers, in claim order.
#[derive(Debug)]
struct Schema {
    fingerprint: u64,
    cert_type: String,
    issuer: String,
    keys: Box<[String]>,
    ids: Arc<[u64]>,
}

impl Schema {
    fn matches(&self, cert_type: &str, issuer: &str, claims: &[Claim]) -> bool {
        self.cert_type == cert_type
            && self.issuer == issuer
            && self.keys.len() == claims.len()
            && self.keys.iter().zip(claims).all(|(k, c)| *k == c.key)
    }
}

/// The entries, by fingerprint, and their insertion order for eviction.
#[derive(Debug, Default)]
struct Entries {
    by_fingerprint: HashMap<u64, Vec<Arc<Schema>>>,
    order: VecDeque<Arc<Schema>>,
}

/// Key identifiers by certificate schema `(type, issuer, keys)`; shareable across threads.
#[derive(Debug)]
pub struct KeyIdCache {
    entries: Mutex<Entries>,
    capacity: usize,
    hits: AtomicU64,
    misses: AtomicU64,
}

impl KeyIdCache {
    /// Schemas a [`KeyIdCache::default`] holds.
    pub const DEFAULT_CAPACITY: usize = 64;
}

impl Default for KeyIdCache {
    fn default() -> Self {
        Self::new(Self::DEFAULT_CAPACITY)
    }
}

/// The schema's fingerprint: picks a bucket, never decides equality.
fn fingerprint(cert_type: &str, issuer: &str, claims: &[Claim]) -> u64 {
    let mut h = DefaultHasher::new();
    cert_type.hash(&mut h);
    issuer.hash(&mut h);
    claims.len().hash(&mut h);
    for c in claims {
        c.key.hash(&mut h);
    }
    h.finish()
}

impl KeyIdCache {
    /// An empty cache that holds at most `capacity` schemas (at least one).
    pub fn new(capacity: usize) -> Self {
        Self {
            entries: Mutex::new(Entries::default()),
            capacity: capacity.max(1),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// A process-wide cache with [`KeyIdCache::DEFAULT_CAPACITY`], for callers that issue many
    /// certificates without keeping a cache of their own.
    pub fn global() -> &'static KeyIdCache {
        static GLOBAL: OnceLock<KeyIdCache> = OnceLock::new();
        GLOBAL.get_or_init(KeyIdCache::default)
    }

    /// The entries; a panic elsewhere while holding the lock leaves them consistent
    /// (every update is a whole push or pop), so a poisoned lock is taken as is.
    fn lock(&self) -> MutexGuard<'_, Entries> {
        self.entries
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The cached key identifiers of this schema, in claim order, if present.
    pub fn get(&self, cert_type: &str, issuer: &str, claims: &[Claim]) -> Option<Arc<[u64]>> {
        let fp = fingerprint(cert_type, issuer, claims);
        let found = self.lock().by_fingerprint.get(&fp).and_then(|bucket| {
            bucket
                .iter()
                .find(|s| s.matches(cert_type, issuer, claims))
                .map(|s| Arc::clone(&s.ids))
        });
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores the key identifiers of this schema (`ids[i]` belongs to `claims[i]`);
    /// ignored when the lengths differ or the schema is already present.
    pub fn insert(&self, cert_type: &str, issuer: &str, claims: &[Claim], ids: &[u64]) {
        if ids.len() != claims.len() {
            return;
        }
        let fp = fingerprint(cert_type, issuer, claims);
        let mut entries = self.lock();
        let present = entries
            .by_fingerprint
            .get(&fp)
            .is_some_and(|b| b.iter().any(|s| s.matches(cert_type, issuer, claims)));
        if present {
            return;
        }
        while entries.order.len() >= self.capacity {
            let Some(old) = entries.order.pop_front() else {
                break;
            };
            if let Some(bucket) = entries.by_fingerprint.get_mut(&old.fingerprint) {
                bucket.retain(|s| !Arc::ptr_eq(s, &old));
                if bucket.is_empty() {
                    entries.by_fingerprint.remove(&old.fingerprint);
                }
            }
        }
        let schema = Arc::new(Schema {
            fingerprint: fp,
            cert_type: cert_type.to_string(),
            issuer: issuer.to_string(),
            keys: claims.iter().map(|c| c.key.clone()).collect(),
            ids: ids.into(),
        });
        entries
            .by_fingerprint
            .entry(fp)
            .or_default()
            .push(Arc::clone(&schema));
        entries.order.push_back(schema);
    }

    /// Schemas held now.
    pub fn len(&self) -> usize {
        self.lock().order.len()
    }

    /// Whether no schema is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Lookups that found their schema, since creation.
    pub fn hits(&self) -> u64 {
        self.hits.load(Ordering::Relaxed)
    }

    /// Lookups that did not, since creation.
    pub fn misses(&self) -> u64 {
        self.misses.load(Ordering::Relaxed)
    }

    /// Drops every schema (the counters stay).
    pub fn clear(&self) {
        let mut entries = self.lock();
        entries.by_fingerprint.clear();
        entries.order.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ClaimValue;

    fn claims(keys: &[&str]) -> Vec<Claim> {
        keys.iter()
            .map(|k| Claim {
                key: k.to_string(),
                salt: "s".into(),
                value: ClaimValue::String("v".into()),
            })
            .collect()
    }

    #[test]
    fn schema_is_type_issuer_and_ordered_keys() {
        let cache = KeyIdCache::new(8);
        let ab = claims(&["a", "b"]);
        cache.insert("T", "I", &ab, &[1, 2]);
        assert_eq!(cache.get("T", "I", &ab).as_deref(), Some(&[1u64, 2][..]));
        // Salts and values are not part of the schema.
        let mut other_values = ab.clone();
        other_values[0].salt = "other".into();
        assert!(cache.get("T", "I", &other_values).is_some());
        assert!(cache.get("T2", "I", &ab).is_none());
        assert!(cache.get("T", "I2", &ab).is_none());
        assert!(cache.get("T", "I", &claims(&["b", "a"])).is_none());
        assert!(cache.get("T", "I", &claims(&["a"])).is_none());
        // "T" + "Ia" and "TI" + "a" concatenate alike but are different schemas.
        assert!(cache.get("TI", "", &ab).is_none());
        assert_eq!((cache.hits(), cache.misses()), (2, 5));
    }

    #[test]
    fn evicts_oldest_beyond_capacity_and_ignores_bad_lengths() {
        let cache = KeyIdCache::new(2);
        let (a, b, c) = (claims(&["a"]), claims(&["b"]), claims(&["c"]));
        cache.insert("T", "I", &a, &[1]);
        cache.insert("T", "I", &b, &[2]);
        cache.insert("T", "I", &b, &[2]);
        assert_eq!(cache.len(), 2);
        cache.insert("T", "I", &c, &[3]);
        assert_eq!(cache.len(), 2);
        assert!(cache.get("T", "I", &a).is_none());
        assert!(cache.get("T", "I", &b).is_some());
        assert!(cache.get("T", "I", &c).is_some());
        cache.insert("T", "I", &claims(&["d", "e"]), &[4]);
        assert!(cache.get("T", "I", &claims(&["d", "e"])).is_none());
        cache.clear();
        assert!(cache.is_empty());
    }
}
