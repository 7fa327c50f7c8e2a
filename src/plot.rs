//! `bnd plot FILE --out DIR`: draws each `plot` statement of a file as an
//! SVG (with `plotters`' SVG backend), one file per statement, named
//! `<file-stem>-<line>.svg` after the statement's line. Owns the sampling
//! of the curves, the axes, the legend and the crossover marks.
//!
//! Floats only draw here, they never decide: each curve is sampled at 200
//! points (log-spaced on log–log axes), each value the midpoint of an exact
//! enclosure converted to a float; points where a curve is undefined (or not
//! positive, on log axes) are left out and the curve is broken there. The
//! crossover of two curves is the certified one of `show crossover` (the
//! least integer from which one curve stays on one side of the other): it is
//! marked and labelled only when certified and inside the range. The same
//! input gives the same bytes.

use crate::diagnostic::render;
use crate::exact::eval::eval_point;
use crate::ir::{Cmp, Expr, ParamBox, Plot, Q};
use crate::validate::load_file;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use plotters::coord::ranged1d::{AsRangedCoord, Ranged, ValueFormatter};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Sample points of each curve.
const SAMPLES: usize = crate::limits::LIMITS.plot_samples;
/// Size of each SVG in pixels.
const SIZE: (u32, u32) = (900, 600);
/// Precision of the enclosures behind the drawn values (bits).
const DRAW_BITS: u32 = crate::limits::LIMITS.draw_bits;
/// A finer precision, when the first enclosure is too wide to draw.
const FINE_BITS: u32 = crate::limits::LIMITS.fine_draw_bits;

/// Curve colours, in the order of the expressions (then repeated).
const COLOURS: [RGBColor; 8] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
];

/// What a run of `bnd plot` prints and its exit status.
pub struct PlotRun {
    pub stdout: String,
    pub stderr: String,
    /// 0: every plot written; 2: an input error or an SVG not written.
    pub code: u8,
}

/// A certified crossover of two curves inside the range.
struct Mark {
    integer: BigInt,
    /// Where the mark is drawn.
    at: (f64, f64),
    /// In the right half of the plot (the label goes to the left).
    right: bool,
}

/// Reads `path`, reports its errors like `bnd check` (exit status 2, nothing
/// written), else writes one SVG per `plot` statement into `out_dir`
/// (created if missing).
pub fn plot_file(path: &str, out_dir: &str) -> PlotRun {
    let mut run = PlotRun {
        stdout: String::new(),
        stderr: String::new(),
        code: 0,
    };
    let loaded = load_file(path);
    for d in &loaded.diagnostics {
        let source = loaded
            .sources
            .iter()
            .find(|(n, _)| *n == d.file)
            .map_or("", |(_, t)| t.as_str());
        run.stderr.push_str(&render(d, source));
    }
    let program = match &loaded.program {
        Some(p) if loaded.diagnostics.is_empty() => p,
        _ => {
            run.code = 2;
            return run;
        }
    };
    if program.plots.is_empty() {
        let _ = writeln!(run.stderr, "note: {path} has no `plot` statement");
        return run;
    }
    if let Err(e) = std::fs::create_dir_all(out_dir) {
        let _ = writeln!(run.stderr, "error: cannot create the folder {out_dir}: {e}");
        run.code = 2;
        return run;
    }
    let stem = std::path::Path::new(path)
        .file_stem()
        .map_or_else(|| "plot".to_string(), |s| s.to_string_lossy().into_owned());
    let dir = out_dir.trim_end_matches('/');
    for plot in &program.plots {
        let name = format!("{stem}-{}.svg", plot.pos.line);
        let shown = if out_dir.is_empty() {
            name.clone()
        } else {
            format!("{dir}/{name}")
        };
        let here = format!("{path}:{}", plot.pos.line);
        let (svg, marks) = draw_plot(plot, &program.var, &here, &mut run.stderr);
        let svg = match svg {
            Ok(svg) => svg,
            Err(e) => {
                let _ = writeln!(run.stderr, "error: {here}: cannot draw the plot: {e}");
                run.code = 2;
                continue;
            }
        };
        if let Err(e) = std::fs::write(std::path::Path::new(out_dir).join(&name), svg) {
            let _ = writeln!(run.stderr, "error: cannot write {shown}: {e}");
            run.code = 2;
            continue;
        }
        let crossings = match marks.len() {
            0 => "no crossover".to_string(),
            1 => "1 crossover".to_string(),
            k => format!("{k} crossovers"),
        };
        let list: Vec<String> = marks
            .iter()
            .map(|m| crate::ir::var_at(&program.var, &m.integer.to_string()))
            .collect();
        let _ = writeln!(
            run.stdout,
            "{here}: wrote {shown} ({} curve{}, {crossings}{}{})",
            plot.exprs.len(),
            if plot.exprs.len() == 1 { "" } else { "s" },
            if list.is_empty() { "" } else { ": " },
            list.join(", ")
        );
    }
    run
}

/// A value to draw: the midpoint of an exact enclosure of `e` at `n`, when
/// the enclosure is bounded and narrow enough to be drawn.
fn value_at(e: &Expr, n: &Q) -> Option<f64> {
    let none = BTreeMap::new();
    for bits in [DRAW_BITS, FINE_BITS] {
        let iv = eval_point(e, n, &none, bits)?;
        let (Some((a, _)), Some((b, _))) = (&iv.lo, &iv.hi) else {
            return None;
        };
        let mid = (a + b) / Q::from_integer(2.into());
        let width = b - a;
        let m = mid.to_f64().filter(|m| m.is_finite())?;
        let w = width.to_f64().unwrap_or(f64::INFINITY);
        if w <= 1e-9 * m.abs().max(f64::MIN_POSITIVE) {
            return Some(m);
        }
        if bits == FINE_BITS {
            return Some(m);
        }
    }
    None
}

/// The point where the engines' variable is evaluated for the value `x` on
/// the axis: x itself, or t = 1/x for a variable tending to 0 (`1/eps`).
fn engine_point(var: &str, x: &Q) -> Q {
    match crate::ir::zero_var(var) {
        Some(_) => x.recip(),
        None => x.clone(),
    }
}

/// The sample points of the variable: exact rationals with their floats.
fn samples(plot: &Plot) -> Vec<(Q, f64)> {
    let (Some(lo), Some(hi)) = (plot.lo.to_f64(), plot.hi.to_f64()) else {
        return vec![];
    };
    let mut out = Vec::with_capacity(SAMPLES);
    for i in 0..SAMPLES {
        let (q, x) = if i == 0 {
            (plot.lo.clone(), lo)
        } else if i + 1 == SAMPLES {
            (plot.hi.clone(), hi)
        } else {
            let t = i as f64 / (SAMPLES - 1) as f64;
            let x = if plot.linear {
                lo + t * (hi - lo)
            } else {
                (lo.ln() + t * (hi.ln() - lo.ln())).exp()
            };
            match Q::from_float(x) {
                Some(q) if q > plot.lo && q < plot.hi => (q, x),
                _ => continue,
            }
        };
        out.push((q, x));
    }
    out
}

/// Is `x` in the right half of the plot's horizontal axis?
fn in_right_half(plot: &Plot, x: f64) -> bool {
    let (Some(lo), Some(hi)) = (plot.lo.to_f64(), plot.hi.to_f64()) else {
        return false;
    };
    if plot.linear {
        x - lo > hi - x
    } else {
        x.ln() - lo.ln() > hi.ln() - x.ln()
    }
}

/// The largest magnitude drawn on linear axes: beyond it a point is left
/// out, so that no axis overflows.
const MAX_DRAWN: f64 = 1e300;
/// The largest value (and the inverse of the smallest) drawn on log axes:
/// the axis must span fewer decades than a float can hold as a ratio.
const MAX_DRAWN_LOG: f64 = 1e140;
/// The most decades a log axis may span (the ratio of its ends stays a
/// finite float, with room for the margins).
const MAX_DECADES: f64 = 290.0;

/// Can `y` be drawn on these axes?
fn drawable(y: f64, linear: bool) -> bool {
    if linear {
        y.is_finite() && y.abs() <= MAX_DRAWN
    } else {
        y.is_finite() && (1.0 / MAX_DRAWN_LOG..=MAX_DRAWN_LOG).contains(&y)
    }
}

/// Are `a < b` far enough apart for floats to draw between them?
fn distinct(a: f64, b: f64) -> bool {
    b - a > 1e-9 * a.abs().max(b.abs())
}

/// The certified crossovers of every pair of curves inside the range, in
/// pair order; an uncertified pair is noted in `notes`.
fn crossovers(plot: &Plot, exprs: &[Expr], var: &str, here: &str, notes: &mut String) -> Vec<Mark> {
    let none = ParamBox::default();
    let mut out = Vec::new();
    for i in 0..exprs.len() {
        for j in i + 1..exprs.len() {
            let (a, b) = (&exprs[i], &exprs[j]);
            let below = crate::threshold::crossover(a, Cmp::Le, b, &none, var);
            let r = match below.crossover {
                Some(_) => below,
                None => {
                    let above = crate::threshold::crossover(a, Cmp::Ge, b, &none, var);
                    if above.crossover.is_none() && below.unknown {
                        below
                    } else {
                        above
                    }
                }
            };
            let Some(c) = r.crossover else {
                if r.unknown {
                    let _ = writeln!(
                        notes,
                        "note: {here}: no certified crossover of `{}` and `{}`: {}",
                        plot.texts[i], plot.texts[j], r.text
                    );
                }
                continue;
            };
            // No failure below the threshold: the curves do not cross.
            if c.lower >= c.upper {
                continue;
            }
            // the threshold is on the engines' variable (t = 1/eps for a
            // variable tending to 0); the axis shows the file's variable
            let n = Q::from_integer(c.integer.clone());
            let xq = if crate::ir::zero_var(var).is_some() {
                n.recip()
            } else {
                n.clone()
            };
            if xq < plot.lo || xq > plot.hi {
                continue;
            }
            let Some(x) = xq.to_f64() else { continue };
            let y = [a, b]
                .into_iter()
                .filter_map(|e| value_at(e, &n))
                .find(|y| drawable(*y, plot.linear));
            match y {
                Some(y) => out.push(Mark {
                    integer: c.integer,
                    at: (x, y),
                    right: in_right_half(plot, x),
                }),
                None => {
                    let _ = writeln!(
                        notes,
                        "note: {here}: the crossover {} of `{}` and `{}` cannot be drawn on these axes",
                        crate::ir::var_at(var, &c.integer.to_string()), plot.texts[i], plot.texts[j]
                    );
                }
            }
        }
    }
    out
}

/// A tick label: short, with an exponent for large and small magnitudes.
fn tick(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return "0".to_string();
    }
    let mag = v.abs().log10().floor();
    if !(-3.0..5.0).contains(&mag) {
        let s = format!("{v:.2e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = m.trim_end_matches('0').trim_end_matches('.');
        return format!("{m}e{e}");
    }
    let decimals = (2.0 - mag).max(0.0) as usize;
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Draws `plot` into an SVG document; notes uncertified crossovers in
/// `notes`. Returns the SVG (or why it could not be drawn) and the marks.
fn draw_plot(
    plot: &Plot,
    var: &str,
    here: &str,
    notes: &mut String,
) -> (Result<String, String>, Vec<Mark>) {
    let x_range = (
        plot.lo.to_f64().unwrap_or(0.0),
        plot.hi.to_f64().unwrap_or(1.0),
    );
    if !distinct(x_range.0, x_range.1) {
        let why = "the range is too narrow to draw with floats".to_string();
        return (Err(why), vec![]);
    }
    let decades = x_range.1.log10() - x_range.0.log10();
    let drawable_range = decades.is_finite() && decades <= MAX_DECADES;
    if !plot.linear && !drawable_range {
        let why = format!("the range spans more than {MAX_DECADES} decades");
        return (Err(why), vec![]);
    }
    let xs = samples(plot);
    // an `inf`/`sup`/`least` is drawn from its closed form on the range
    let (a, b) = (engine_point(var, &plot.lo), engine_point(var, &plot.hi));
    let start = if a < b { a } else { b };
    let oracle = crate::optimum::Oracle {
        params: &crate::ir::ParamBox::default(),
        var,
        regime: crate::optimum::Regime::From(Expr::Num(start)),
    };
    let exprs: Vec<Expr> = plot
        .exprs
        .iter()
        .zip(&plot.texts)
        .map(|(e, text)| {
            if !e.has_opt() {
                return e.clone();
            }
            match crate::optimum::resolve(e, &oracle) {
                Ok((closed, ns)) if ns.iter().all(|n| n.exact) => closed,
                Ok(_) => {
                    let _ = writeln!(
                        notes,
                        "note: {here}: `{text}` has no closed form on the range; not drawn"
                    );
                    e.clone()
                }
                Err(why) => {
                    let _ = writeln!(notes, "note: {here}: `{text}` is not drawn: {why}");
                    e.clone()
                }
            }
        })
        .collect();
    let curves: Vec<Vec<Vec<(f64, f64)>>> = exprs
        .iter()
        .map(|e| {
            let mut runs: Vec<Vec<(f64, f64)>> = vec![];
            let mut current: Vec<(f64, f64)> = vec![];
            for (q, x) in &xs {
                match value_at(e, &engine_point(var, q)).filter(|y| drawable(*y, plot.linear)) {
                    Some(y) => current.push((*x, y)),
                    None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
                    None => {}
                }
            }
            if !current.is_empty() {
                runs.push(current);
            }
            runs
        })
        .collect();
    let marks = crossovers(plot, &exprs, var, here, notes);
    if curves.iter().all(|c| c.is_empty()) {
        let _ = writeln!(
            notes,
            "note: {here}: no curve has a value to draw in the range"
        );
    }
    let ys = curves
        .iter()
        .flatten()
        .flatten()
        .map(|p| p.1)
        .chain(marks.iter().map(|m| m.at.1));
    let (mut y_lo, mut y_hi) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    if y_lo > y_hi {
        (y_lo, y_hi) = if plot.linear { (0.0, 1.0) } else { (1.0, 10.0) };
    }
    let (y_lo, y_hi) = if plot.linear {
        let pad = if distinct(y_lo, y_hi) {
            (y_hi - y_lo) * 0.05
        } else {
            y_lo.abs().max(1.0) * 0.5
        };
        (y_lo - pad, y_hi + pad)
    } else {
        // 5% of the decades on each side, kept within the floats
        let pad = if distinct(y_lo, y_hi) {
            (y_hi / y_lo).powf(0.05).min(1e6)
        } else {
            2.0
        };
        (
            (y_lo / pad).max(f64::MIN_POSITIVE),
            (y_hi * pad).min(f64::MAX / 2.0),
        )
    };
    let finite = y_lo.is_finite() && y_hi.is_finite() && y_lo < y_hi;
    if !finite || (!plot.linear && !(y_hi / y_lo).is_finite()) {
        let why = format!("no finite vertical range ({y_lo}, {y_hi})");
        return (Err(why), marks);
    }
    let mut title = format!(
        "{} for {} in [{}, {}]",
        plot.texts.join(", "),
        crate::ir::var_name(var),
        tick(x_range.0),
        tick(x_range.1)
    );
    let wheres: Vec<String> = plot
        .assignments
        .iter()
        .map(|(p, v)| format!("{p} = {v}"))
        .collect();
    if !wheres.is_empty() {
        title.push_str(" where ");
        title.push_str(&wheres.join(", "));
    }
    let frame = Frame {
        x: x_range,
        y: (y_lo, y_hi),
        linear: plot.linear,
    };
    let chart = Chart {
        legend_at: legend_corner(&frame, &plot.texts, &curves, &marks),
        title: &title,
        var,
        texts: &plot.texts,
        curves: &curves,
        marks: &marks,
    };
    let (x, y) = ((x_range.0..x_range.1), (y_lo..y_hi));
    let svg = if plot.linear {
        chart.draw(x, y)
    } else {
        chart.draw(x.log_scale(), y.log_scale())
    };
    (svg, marks)
}

/// The ranges of both axes and their kind.
struct Frame {
    x: (f64, f64),
    y: (f64, f64),
    linear: bool,
}

impl Frame {
    /// Where `(x, y)` lies in the plot area, each coordinate in [0, 1]
    /// (0 at the left and at the bottom).
    fn fraction(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let f = |v: f64, (lo, hi): (f64, f64)| {
            let t = if self.linear {
                (v - lo) / (hi - lo)
            } else {
                (v.ln() - lo.ln()) / (hi.ln() - lo.ln())
            };
            if t.is_finite() {
                t
            } else {
                0.5
            }
        };
        (f(x, self.x), f(y, self.y))
    }
}

/// The corner of the plot area whose legend box would cover the fewest
/// curve points (a crossover mark counts as many), first of upper left,
/// upper right, lower left, lower right on ties.
fn legend_corner(
    frame: &Frame,
    texts: &[String],
    curves: &[Vec<Vec<(f64, f64)>>],
    marks: &[Mark],
) -> SeriesLabelPosition {
    // the legend's size as a fraction of the plot area (about 810 x 480
    // pixels), with a margin
    let longest = texts.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let w = ((7 * longest + 60) as f64 / 810.0).min(1.0);
    let h = ((18 * texts.len() + 30) as f64 / 480.0).min(1.0);
    let corners = [
        (SeriesLabelPosition::UpperLeft, (0.0, 1.0 - h)),
        (SeriesLabelPosition::UpperRight, (1.0 - w, 1.0 - h)),
        (SeriesLabelPosition::LowerLeft, (0.0, 0.0)),
        (SeriesLabelPosition::LowerRight, (1.0 - w, 0.0)),
    ];
    let inside = |(fx, fy): (f64, f64), (x0, y0): (f64, f64)| {
        fx >= x0 && fx <= x0 + w && fy >= y0 && fy <= y0 + h
    };
    let mut best = (usize::MAX, SeriesLabelPosition::UpperLeft);
    for (corner, at) in corners {
        let points = curves
            .iter()
            .flatten()
            .flatten()
            .filter(|p| inside(frame.fraction(**p), at))
            .count();
        // a mark and its label: the point and a stretch to one side
        let marked = marks
            .iter()
            .filter(|m| {
                let (fx, fy) = frame.fraction(m.at);
                let side = if m.right { -0.2 } else { 0.2 };
                (0..=4).any(|k| inside((fx + side * f64::from(k) / 4.0, fy + 0.03), at))
            })
            .count();
        let cost = points + 1000 * marked;
        if cost < best.0 {
            best = (cost, corner);
        }
    }
    best.1
}

/// What one SVG shows.
struct Chart<'a> {
    /// Where the legend goes.
    legend_at: SeriesLabelPosition,
    title: &'a str,
    var: &'a str,
    texts: &'a [String],
    curves: &'a [Vec<Vec<(f64, f64)>>],
    marks: &'a [Mark],
}

impl Chart<'_> {
    /// The SVG document, on the axes `x` and `y` (linear or logarithmic).
    fn draw<X, Y>(&self, x: X, y: Y) -> Result<String, String>
    where
        X: AsRangedCoord<Value = f64>,
        Y: AsRangedCoord<Value = f64>,
        X::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
        Y::CoordDescType: Ranged<ValueType = f64> + ValueFormatter<f64>,
    {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
            root.fill(&WHITE).map_err(|e| e.to_string())?;
            let mut chart = ChartBuilder::on(&root)
                .caption(self.title, ("sans-serif", 18))
                .margin(20)
                .x_label_area_size(45)
                .y_label_area_size(70)
                .build_cartesian_2d(x, y)
                .map_err(|e| e.to_string())?;
            chart
                .configure_mesh()
                .x_desc(crate::ir::var_name(self.var))
                .x_label_formatter(&|v| tick(*v))
                .y_label_formatter(&|v| tick(*v))
                .light_line_style(RGBColor(235, 235, 235))
                .draw()
                .map_err(|e| e.to_string())?;
            for (k, (text, runs)) in self.texts.iter().zip(self.curves).enumerate() {
                let colour = COLOURS[k % COLOURS.len()];
                let style = colour.stroke_width(2);
                // the first run carries the legend entry (an empty one when
                // the curve has nothing to draw)
                let first = runs.first().cloned().unwrap_or_default();
                chart
                    .draw_series(LineSeries::new(first, style))
                    .map_err(|e| e.to_string())?
                    .label(text.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], style));
                for run in runs.iter().skip(1) {
                    chart
                        .draw_series(LineSeries::new(run.iter().copied(), style))
                        .map_err(|e| e.to_string())?;
                }
            }
            for m in self.marks {
                let label = crate::ir::var_at(self.var, &m.integer.to_string());
                let (h, dx) = if m.right {
                    (HPos::Right, -8)
                } else {
                    (HPos::Left, 8)
                };
                let font =
                    TextStyle::from(("sans-serif", 15).into_font()).pos(Pos::new(h, VPos::Bottom));
                chart
                    .draw_series(std::iter::once(
                        EmptyElement::at(m.at)
                            + Circle::new((0, 0), 5, BLACK.filled())
                            + Text::new(label, (dx, -8), font),
                    ))
                    .map_err(|e| e.to_string())?;
            }
            chart
                .configure_series_labels()
                .position(self.legend_at.clone())
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK)
                .draw()
                .map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())?;
        }
        Ok(svg)
    }
}

#[cfg(test)]
mod tests {
    use super::{draw_plot, tick};

    /// Draws every plot of `text`: (SVG or why not, crossover integers).
    fn draw_all(text: &str) -> Vec<(Result<String, String>, Vec<String>)> {
        let loaded = crate::validate::load_source("t.bnd", text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let p = loaded.program.expect("a program");
        p.plots
            .iter()
            .map(|plot| {
                let mut notes = String::new();
                let (svg, marks) = draw_plot(plot, &p.var, "t.bnd", &mut notes);
                (svg, marks.iter().map(|m| m.integer.to_string()).collect())
            })
            .collect()
    }

    #[test]
    fn extreme_values_and_ranges_neither_hang_nor_panic() {
        // values far beyond the floats are left out; an axis spanning
        // too many decades is refused (plotters would loop on it)
        let out = draw_all(
            "var n\nplot n^100, exp(n), exp(-n) for n in [1, 10^6]\nplot n for n in [10^-200, 10^200]\nplot n^3, -n^3 for n in [-10^300, 10^300] linear\nplot 1, 1 + n/10^30 for n in [1, 1 + 10^-20]\n",
        );
        assert!(out[0].0.is_ok());
        assert!(out[1].0.as_ref().is_err_and(|e| e.contains("decades")));
        assert!(out[2].0.is_ok());
        assert!(out[3].0.as_ref().is_err_and(|e| e.contains("too narrow")));
    }

    #[test]
    fn crossovers_are_certified_integers_in_the_range() {
        let out = draw_all(
            "var n\nplot 2*n, n^2 for n in [0, 3] linear\nplot 2*n, n^2 for n in [3, 10]\nplot n, n for n in [1, 10]\n",
        );
        assert_eq!(out[0].1, ["2"]);
        assert!(out[1].1.is_empty(), "the crossover 2 is outside [3, 10]");
        assert!(out[2].1.is_empty(), "equal curves do not cross");
    }

    #[test]
    fn ticks_are_short() {
        assert_eq!(tick(1.0), "1");
        assert_eq!(tick(0.5), "0.5");
        assert_eq!(tick(1000.0), "1000");
        assert_eq!(tick(10000.0), "10000");
        assert_eq!(tick(1e5), "1e5");
        assert_eq!(tick(1e6), "1e6");
        assert_eq!(tick(2.5e7), "2.5e7");
        assert_eq!(tick(1e-4), "1e-4");
        assert_eq!(tick(123.456), "123");
        assert_eq!(tick(0.0), "0");
    }
}
