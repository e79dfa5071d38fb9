//! Salts: random v4 UUIDs, or deterministic ones derived as the reference SDK does.

use uuid::Uuid;

/// Where salts come from when a certificate is issued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SaltSource {
    /// A fresh v4 UUID per claim from the OS CSPRNG.
    #[default]
    Random,
    /// `uuid_v5(name = key, namespace = uuid_v5(name = seed, namespace = URL))`,
    /// the reference SDK's (arc102-zpass-sdk) deterministic salts.
    Seeded(String),
}

impl SaltSource {
    /// The salt for the claim under `key`.
    pub fn salt_for(&self, key: &str) -> String {
        self.salter().salt_for(key)
    }

    /// The source with its seed's namespace derived once, for salting many keys.
    pub(crate) fn salter(&self) -> Salter {
        match self {
            SaltSource::Random => Salter(None),
            SaltSource::Seeded(seed) => Salter(Some(seed_namespace(seed))),
        }
    }
}

/// A [`SaltSource`] ready to salt many keys: a seed's namespace is one SHA-1 that
/// every key's salt starts from, so it is derived once per certificate.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Salter(Option<Uuid>);

impl Salter {
    /// The salt for the claim under `key`.
    pub(crate) fn salt_for(&self, key: &str) -> String {
        match self.0 {
            None => random_salt(),
            Some(namespace) => Uuid::new_v5(&namespace, key.as_bytes()).to_string(),
        }
    }
}

/// `uuid_v5(name = seed, namespace = URL)`: the namespace of a seed's salts.
fn seed_namespace(seed: &str) -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, seed.as_bytes())
}

/// A random v4 UUID (uuid's `v4` draws from the OS CSPRNG through `getrandom`).
pub fn random_salt() -> String {
    Uuid::new_v4().to_string()
}

/// The reference SDK's deterministic salt for `key` under `seed`.
pub fn seeded_salt(seed: &str, key: &str) -> String {
    Uuid::new_v5(&seed_namespace(seed), key.as_bytes()).to_string()
}

/// Why a salt is unusable, if it is: the spec's text form separates salt and value
/// by one space, so a salt must not contain one; an empty salt hides nothing.
pub fn salt_problem(salt: &str) -> Option<&'static str> {
    if salt.is_empty() {
        Some("the salt is empty")
    } else if salt.contains(' ') {
        Some("the salt contains a space (0x20), the spec's salt/value delimiter")
    } else {
        None
    }
}
