//! The project's one chart writer: line charts over leaf counts for `merklab bench` and
//! labelled log-log scatters for `merklab compare`, drawn with `plotters` into SVG.
//!
//! Axes are transformed here (log2 of leaves, log10 of times) and drawn linear, so tick
//! labels read `2^e` and `1eN` exactly as the figures in docs/benchmarks.md do.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use crate::byte::ByteRow;
use crate::field::FieldRow;
use crate::report::Report;
use crate::BenchError;

const WIDTH: u32 = 900;
const HEIGHT: u32 = 580;
const LEGEND_WIDTH: u32 = 240;
const FONT: &str = "sans-serif";
const PALETTE: [RGBColor; 8] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0x7f, 0x7f, 0x7f),
];

/// One line of a chart: a name for the legend, a palette slot, whether dashed, points.
#[derive(Clone, Debug)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// Index into the palette (wraps).
    pub color: usize,
    /// Dashed lines mark bounds and peers, solid ones merklab.
    pub dashed: bool,
    /// (leaves, value) points.
    pub points: Vec<(f64, f64)>,
}

/// One labelled point of a scatter.
#[derive(Clone, Debug)]
pub struct Labelled {
    /// Text beside the point.
    pub label: String,
    /// Horizontal value (positive; drawn on a log10 axis).
    pub x: f64,
    /// Vertical value (positive; drawn on a log10 axis).
    pub y: f64,
}

fn drawing<E: std::error::Error + Send + Sync + 'static>(e: E) -> BenchError {
    BenchError::Plot(Box::new(e))
}

/// Whole decades (or steps) around `lo..hi`, at least one wide, for an axis.
fn span(lo: f64, hi: f64) -> (f64, f64) {
    if lo > hi {
        return (0.0, 1.0);
    }
    (lo.floor(), hi.ceil().max(lo.floor() + 1.0))
}

fn decade(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("1e{}", v.round())
    } else {
        format!("{:.2}", 10f64.powf(v))
    }
}

fn fold(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(v), b.max(v)))
}

/// A line chart of `series` against leaf count (log2 axis); `log_y` draws the values
/// on a log10 axis, otherwise linear from zero.
pub fn line_chart(
    title: &str,
    y_label: &str,
    log_y: bool,
    series: &[Series],
) -> Result<String, BenchError> {
    let ty = |v: f64| if log_y { v.max(1e-9).log10() } else { v };
    let tx = |v: f64| v.max(1.0).log2();
    let points = || series.iter().flat_map(|s| s.points.iter().copied());
    let (x0, x1) = span(
        fold(points().map(|p| tx(p.0))).0,
        fold(points().map(|p| tx(p.0))).1,
    );
    let (ylo, yhi) = fold(points().map(|p| ty(p.1)));
    let (y0, y1) = if log_y {
        span(ylo, yhi)
    } else if ylo > yhi {
        (0.0, 1.0)
    } else {
        (0.0, (yhi * 1.1).ceil().max(1.0))
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let root = root.titled(title, (FONT, 16)).map_err(drawing)?;
        let (plot, legend) = root.split_horizontally(WIDTH - LEGEND_WIDTH);
        let mut chart = ChartBuilder::on(&plot)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .x_desc("leaves")
            .y_desc(y_label)
            .x_labels((x1 - x0) as usize + 1)
            .y_labels(if log_y { (y1 - y0) as usize + 1 } else { 6 })
            .x_label_formatter(&|v| format!("2^{}", v.round()))
            .y_label_formatter(&|v| if log_y { decade(*v) } else { format!("{v:.1}") })
            .max_light_lines(0)
            .label_style((FONT, 12))
            .draw()
            .map_err(drawing)?;
        for (i, s) in series.iter().enumerate() {
            let color = PALETTE[s.color % PALETTE.len()];
            let style = color.stroke_width(2);
            let line: Vec<(f64, f64)> = s.points.iter().map(|&(x, y)| (tx(x), ty(y))).collect();
            if s.dashed {
                chart
                    .draw_series(DashedLineSeries::new(line.clone(), 6, 4, style))
                    .map_err(drawing)?;
            } else {
                chart
                    .draw_series(LineSeries::new(line.clone(), style))
                    .map_err(drawing)?;
            }
            chart
                .draw_series(line.iter().map(|&p| Circle::new(p, 3, color.filled())))
                .map_err(drawing)?;
            let y = 30 + 20 * i as i32;
            let key = [(10, y), (34, y)];
            if s.dashed {
                legend
                    .draw(&DashedPathElement::new(key, 6, 4, style))
                    .map_err(drawing)?;
            } else {
                legend
                    .draw(&PathElement::new(key, style))
                    .map_err(drawing)?;
            }
            legend
                .draw(&Text::new(
                    s.name.clone(),
                    (40, y - 6),
                    (FONT, 12).into_font(),
                ))
                .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// A log-log scatter of labelled points; points that are not positive are left out.
pub fn scatter(
    title: &str,
    x_label: &str,
    y_label: &str,
    points: &[Labelled],
) -> Result<String, BenchError> {
    let shown: Vec<(&str, f64, f64)> = points
        .iter()
        .filter(|p| p.x > 0.0 && p.y > 0.0)
        .map(|p| (p.label.as_str(), p.x.log10(), p.y.log10()))
        .collect();
    let (x0, x1) = {
        let (lo, hi) = fold(shown.iter().map(|p| p.1));
        span(lo, hi)
    };
    let (y0, y1) = {
        let (lo, hi) = fold(shown.iter().map(|p| p.2));
        span(lo, hi)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).map_err(drawing)?;
        let root = root.titled(title, (FONT, 15)).map_err(drawing)?;
        let mut chart = ChartBuilder::on(&root)
            .margin(20)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x0..x1, y0..y1)
            .map_err(drawing)?;
        chart
            .configure_mesh()
            .x_desc(x_label)
            .y_desc(y_label)
            .x_labels((x1 - x0) as usize + 1)
            .y_labels((y1 - y0) as usize + 1)
            .x_label_formatter(&|v| decade(*v))
            .y_label_formatter(&|v| decade(*v))
            .max_light_lines(0)
            .label_style((FONT, 12))
            .draw()
            .map_err(drawing)?;
        for (i, &(label, x, y)) in shown.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            chart
                .draw_series(std::iter::once(Circle::new((x, y), 4, color.filled())))
                .map_err(drawing)?;
            chart
                .draw_series(std::iter::once(
                    EmptyElement::at((x, y))
                        + Text::new(
                            label.to_string(),
                            (6, -14),
                            (FONT, 12).into_font().color(&color),
                        ),
                ))
                .map_err(drawing)?;
        }
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// A time read from a byte row.
type Metric = fn(&ByteRow) -> f64;

/// Nanoseconds per inner node (time over n - 1 nodes) against leaf count, log-log.
pub fn scaling_svg(report: &Report) -> Result<String, BenchError> {
    let mut series = Vec::new();
    for (hi, hash) in ["sha3-256", "sha256"].into_iter().enumerate() {
        let rows: Vec<&ByteRow> = report.byte.iter().filter(|r| r.hash == hash).collect();
        let lines: [(&str, Metric, bool); 4] = [
            ("raw loop 1t", |r| r.raw_1t_ms, true),
            ("merklab 1t", |r| r.merklab_serial_ms, false),
            ("merklab 2t", |r| r.merklab_parallel_ms, false),
            ("rs_merkle 1t", |r| r.rs_merkle_ms, false),
        ];
        for (li, (name, f, dashed)) in lines.into_iter().enumerate() {
            series.push(Series {
                name: format!("{hash} {name}"),
                color: hi * 4 + li,
                dashed,
                points: rows
                    .iter()
                    .map(|r| (r.leaves as f64, f(r) * 1e6 / (r.leaves.max(2) - 1) as f64))
                    .collect(),
            });
        }
    }
    line_chart(
        "Binary tree build: nanoseconds per inner node (byte hashes)",
        "ns per node (log)",
        true,
        &series,
    )
}

/// Speed-up of 2 threads over 1 against leaf count, merklab and the peers that run in
/// parallel.
pub fn parallel_svg(report: &Report) -> Result<String, BenchError> {
    let mut series = Vec::new();
    for (i, hash) in ["sha3-256", "sha256"].into_iter().enumerate() {
        series.push(Series {
            name: format!("merklab {hash}"),
            color: i,
            dashed: false,
            points: report
                .byte
                .iter()
                .filter(|r| r.hash == hash)
                .map(|r| (r.leaves as f64, r.merklab_serial_ms / r.merklab_parallel_ms))
                .collect(),
        });
    }
    for (i, hash) in ["poseidon", "bhp"].into_iter().enumerate() {
        let rows: Vec<&FieldRow> = report.field.iter().filter(|r| r.hash == hash).collect();
        series.push(Series {
            name: format!("merklab {hash}"),
            color: 2 + i,
            dashed: false,
            points: rows
                .iter()
                .map(|r| (r.leaves as f64, r.merklab_1t_ms / r.merklab_2t_ms))
                .collect(),
        });
        series.push(Series {
            name: format!("snarkVM {hash}"),
            color: 2 + i,
            dashed: true,
            points: rows
                .iter()
                .map(|r| (r.leaves as f64, r.snarkvm_1t_ms / r.snarkvm_2t_ms))
                .collect(),
        });
    }
    line_chart(
        "Speed-up of 2 threads over 1 (tree build)",
        "speed-up (1-thread time / 2-thread time)",
        false,
        &series,
    )
}
