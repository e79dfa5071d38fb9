//! Charts are well-formed SVG that carry every series, label and axis title they were
//! given (parsed as XML, so a broken document fails however it breaks).

use merklab_bench::plot::{line_chart, scatter, Labelled, Series};

fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(|t| t.trim().to_string()))
        .collect()
}

#[test]
fn line_chart_is_svg_with_every_series() {
    let series = vec![
        Series {
            name: "raw <loop> & bound".into(),
            color: 0,
            dashed: true,
            points: vec![(1024.0, 80.0), (4096.0, 75.0), (16384.0, 72.0)],
        },
        Series {
            name: "merklab 1t".into(),
            color: 1,
            dashed: false,
            points: vec![(1024.0, 20.0), (4096.0, 18.0), (16384.0, 17.0)],
        },
    ];
    let svg = line_chart("ns per node", "ns (log)", true, &series).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(doc.root_element().has_tag_name("svg"));
    let t = texts(&doc);
    for want in [
        "ns per node",
        "ns (log)",
        "leaves",
        "raw <loop> & bound",
        "merklab 1t",
        "2^10",
        "2^14",
        "1e1",
        "1e2",
    ] {
        assert!(
            t.iter().any(|s| s == want),
            "missing text {want:?} in {t:?}"
        );
    }
    // One marker per point.
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(circles, 6);
}

#[test]
fn scatter_is_svg_with_every_positive_point() {
    let points = vec![
        Labelled {
            label: "poseidon2 k=4".into(),
            x: 800.0,
            y: 15_000.0,
        },
        Labelled {
            label: "sha3-256 k=2".into(),
            x: 150_000.0,
            y: 300.0,
        },
        Labelled {
            label: "nothing to draw".into(),
            x: 0.0,
            y: 10.0,
        },
    ];
    let svg = scatter("cost", "constraints", "ns", &points).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(doc.root_element().has_tag_name("svg"));
    let t = texts(&doc);
    for want in [
        "cost",
        "constraints",
        "ns",
        "poseidon2 k=4",
        "sha3-256 k=2",
        "1e2",
        "1e6",
    ] {
        assert!(
            t.iter().any(|s| s == want),
            "missing text {want:?} in {t:?}"
        );
    }
    assert!(!t.iter().any(|s| s == "nothing to draw"));
    let circles = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .count();
    assert_eq!(circles, 2);
}

#[test]
fn empty_charts_are_still_svg() {
    let svg = line_chart("empty", "y", false, &[]).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok());
    let svg = scatter("empty", "x", "y", &[]).unwrap();
    assert!(roxmltree::Document::parse(&svg).is_ok());
}
