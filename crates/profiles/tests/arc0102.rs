//! ARC-0102 profile against the spec's worked example (shared/vectors/arc0102-seed.json,
//! from the ARC-0102 zPass Model test cases).

use merklab_profiles::arc0102::{build, root_from_siblings};

#[test]
fn spec_example_root_and_proof() {
    // Leaves of type, issuer, name, dob.
    let leaves = vec![
        3493762364786270799u64,
        2885257838413858146,
        1977705045598954156,
        3824841577554724530,
    ];
    let tree = build(leaves).unwrap();
    assert_eq!(
        tree.layer(1).unwrap(),
        &[16628724507032849692u64, 9662023429270085602]
    );
    assert_eq!(tree.root(), 7849773981907115583);
    // The dob leaf's proof as the spec lists it.
    let dob = 3824841577554724530u64;
    let index = tree.position_of(&dob).unwrap();
    let siblings = tree.prove(index).unwrap().siblings;
    assert_eq!(siblings, vec![3493762364786270799, 16628724507032849692]);
    assert_eq!(root_from_siblings(dob, &siblings), 7849773981907115583);
    assert!(build(Vec::new()).is_err());
}
