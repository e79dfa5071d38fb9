//! Selective disclosure and proofs over random certificates: any subset of keys
//! verifies against the root; any change to what is revealed does not.

use merklab_zpass::{
    verify_disclosure, Certificate, CertificateDocument, Claim, ClaimValue, Issued, Opening,
};
use proptest::prelude::*;

fn certificate(values: &[(u8, u32)], salt_seed: u32) -> Certificate {
    let mut claims = vec![
        claim("type", ClaimValue::String("KYC".into()), salt_seed),
        claim(
            "issuer",
            ClaimValue::String("aleo1issuer".into()),
            salt_seed.wrapping_add(1),
        ),
    ];
    for (i, &(kind, v)) in values.iter().enumerate() {
        let value = match kind % 3 {
            0 => ClaimValue::String(format!("text {v}")),
            1 => ClaimValue::Integer(v.to_string()),
            _ => ClaimValue::Bool(v % 2 == 1),
        };
        claims.push(claim(
            &format!("k{i},sub"),
            value,
            salt_seed.wrapping_add(2 + i as u32),
        ));
    }
    Certificate::new(claims, Vec::new()).unwrap()
}

fn claim(key: &str, value: ClaimValue, salt: u32) -> Claim {
    Claim {
        key: key.into(),
        salt: format!("salt-{salt:08x}"),
        value,
    }
}

fn verifies(cert: Certificate, root: u64) -> bool {
    verify_disclosure(&CertificateDocument::bare(cert), Some(root))
        .map(|(_, v)| v.is_accepted())
        .unwrap_or(false)
}

proptest! {
    // Each case costs about 6 hashes per claim (~25 us each): keep cases few and small.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn any_subset_discloses_and_tampering_fails(
        values in prop::collection::vec((any::<u8>(), any::<u32>()), 1..7),
        mask in any::<u8>(),
        salt_seed in any::<u32>(),
        pick in any::<usize>(),
    ) {
        let cert = certificate(&values, salt_seed);
        let issued = Issued::new(cert.clone()).unwrap();
        let root = issued.root();
        let keys: Vec<String> = (0..values.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| format!("k{i},sub"))
            .collect();
        let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let disclosed = issued.disclose(&key_refs).unwrap();
        prop_assert_eq!(disclosed.claims().len(), 2 + keys.len());
        prop_assert_eq!(disclosed.private().len(), values.len() - keys.len());
        prop_assert!(verifies(disclosed.clone(), root));

        // Change one revealed value.
        let mut claims = disclosed.claims().to_vec();
        let i = pick % claims.len();
        claims[i].value = match &claims[i].value {
            ClaimValue::String(s) => ClaimValue::String(format!("{s}!")),
            ClaimValue::Integer(d) => ClaimValue::Integer(format!("{d}1")),
            ClaimValue::Bool(b) => ClaimValue::Bool(!b),
        };
        prop_assert!(!verifies(Certificate::new(claims, disclosed.private().to_vec()).unwrap(), root));

        // Change one revealed salt.
        let mut claims = disclosed.claims().to_vec();
        claims[i].salt.push('x');
        prop_assert!(!verifies(Certificate::new(claims, disclosed.private().to_vec()).unwrap(), root));

        // Change one private hash.
        if !disclosed.private().is_empty() {
            let mut private = disclosed.private().to_vec();
            let j = pick % private.len();
            private[j] = private[j].wrapping_add(1);
            prop_assert!(!verifies(Certificate::new(disclosed.claims().to_vec(), private).unwrap(), root));
        }

        // The disclosure's revealed keys prove as in the full certificate.
        let from_disclosure = Issued::new(disclosed).unwrap();
        prop_assert_eq!(from_disclosure.root(), root);
        for key in &key_refs {
            let p = from_disclosure.prove_value(key).unwrap();
            prop_assert_eq!(&p, &issued.prove_value(key).unwrap());
        }
    }

    #[test]
    fn every_key_proves_and_a_wrong_opening_fails(
        values in prop::collection::vec((any::<u8>(), any::<u32>()), 1..6),
        salt_seed in any::<u32>(),
    ) {
        let issued = Issued::new(certificate(&values, salt_seed)).unwrap();
        let root = issued.root();
        for claim in issued.certificate().claims() {
            let value_proof = issued.prove_value(&claim.key).unwrap();
            prop_assert!(value_proof.verify(root).unwrap().is_accepted());
            let key_proof = issued.prove_key(&claim.key).unwrap();
            prop_assert!(key_proof.verify(root).unwrap().is_accepted());
            prop_assert_eq!(&key_proof.siblings, &value_proof.siblings);

            let mut wrong = value_proof.clone();
            if let Opening::Value { salt, .. } = &mut wrong.opening {
                salt.push('x');
            }
            prop_assert!(!wrong.verify(root).unwrap().is_accepted());
            let mut wrong = key_proof.clone();
            wrong.opening = Opening::Key { data_hash: match key_proof.opening {
                Opening::Key { data_hash } => data_hash ^ 1,
                Opening::Value { .. } => 0,
            }};
            prop_assert!(!wrong.verify(root).unwrap().is_accepted());
        }
    }
}

#[test]
fn a_proof_for_another_key_is_rejected() {
    let issued = Issued::new(certificate(&[(1, 5), (1, 6)], 7)).unwrap();
    let mut proof = issued.prove_value("k0,sub").unwrap();
    // Claiming the k0 opening belongs to k1 changes the key identifier check.
    proof.key = "k1,sub".into();
    assert!(!proof.verify(issued.root()).unwrap().is_accepted());
}

#[test]
fn odd_leaf_counts_promote_and_every_leaf_proves() {
    // 2 + n leaves for n = 1..=5: 3, 5 and 7 leaves have promoted nodes.
    for n in 1..=5u32 {
        let values: Vec<(u8, u32)> = (0..n).map(|i| (0, i)).collect();
        let issued = Issued::new(certificate(&values, 100 + n)).unwrap();
        let leaves = issued.leaves().len() as u32;
        assert_eq!(leaves, n + 2);
        for claim in issued.certificate().claims() {
            let p = issued.prove_value(&claim.key).unwrap();
            assert!(p.siblings.len() <= 3);
            assert!(
                p.verify(issued.root()).unwrap().is_accepted(),
                "n={n} {}",
                claim.key
            );
        }
    }
}
