//! `cargo bench`: decides every claim of the public corpus `tests/corpus/`
//! in-process (median of repeated runs per claim) and the towers
//! exp(exp(...exp(n))) and log(log(...log(n))) of depth 1 to 8, then every
//! claim of `theorems/`, then times whole `bnd check theorems/` runs of the
//! release binary. Prints figures; asserts nothing about time.

use std::time::{Duration, Instant};

fn bnd_files(dir: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let p = format!("{dir}/{}", e.file_name().to_string_lossy());
        if e.path().is_dir() {
            bnd_files(&p, out);
        } else if p.ends_with(".bnd") {
            out.push(p);
        }
    }
}

/// Median and slowest of a set of timings, printed under `title`.
fn summary(title: &str, all: &[bnd::bench::ClaimTiming]) {
    if all.is_empty() {
        println!("{title}: no claims found");
        return;
    }
    let mut times: Vec<Duration> = all.iter().map(|t| t.median).collect();
    times.sort();
    println!("{title}: {} claims decided in-process", all.len());
    println!("  median per claim: {:?}", times[times.len() / 2]);
    println!("  90th percentile:  {:?}", times[(times.len() * 9) / 10]);
    let mut slow: Vec<_> = all.iter().collect();
    slow.sort_by_key(|t| std::cmp::Reverse(t.median));
    println!("  five slowest:");
    for t in slow.iter().take(5) {
        println!("    {:>10.3?}  {:8} {}", t.median, t.verdict, t.claim);
    }
}

/// The public corpus (tests/corpus: SymPy's limit and Gruntz test-suites),
/// then the growth of the cost with nesting depth: exp(exp(...exp(n))) and
/// log(log(...log(n))) of depth 1 to 8.
fn corpus_and_depth() {
    let mut files = Vec::new();
    bnd_files("tests/corpus", &mut files);
    let mut all = Vec::new();
    for f in &files {
        all.extend(bnd::bench::time_claims(f, 5));
    }
    summary("tests/corpus", &all);
    println!("nesting depth (median of 9 runs per claim):");
    println!("  depth  exp-tower: E_d(n) = omega(E_(d-1)(n)^2)  log-tower: L_d(n) = o(L_(d-1)(n))");
    for d in 1..=8usize {
        let tower = |f: &str, d: usize| {
            let mut e = String::from("n");
            for _ in 0..d {
                e = format!("{f}({e})");
            }
            e
        };
        let src_e = format!(
            "var n\ncheck {} = omega({}^2)\n",
            tower("exp", d),
            tower("exp", d - 1)
        );
        let src_l = format!(
            "var n\ncheck {} = o({})\n",
            tower("log", d),
            tower("log", d - 1)
        );
        let te = bnd::bench::time_source("exp_tower.bnd", &src_e, 9);
        let tl = bnd::bench::time_source("log_tower.bnd", &src_l, 9);
        let show = |t: &[bnd::bench::ClaimTiming]| {
            t.first()
                .map(|x| format!("{:>10.3?} {:7}", x.median, x.verdict))
                .unwrap_or_default()
        };
        println!("  {d:>5}  {}  {}", show(&te), show(&tl));
    }
}

/// The new forms: `inf`/`sup` closed forms (two terms, exponential plus
/// linear), a three-term balance, a `least` of one power, a `least` by
/// asymptotic inversion, and one at a point (a crossover).
fn optima() {
    let src = "var n\nparam KL > 0\nparam delta in (0, 1)\n\
        check (inf lam > 0: (KL + log(1/delta))/lam + lam/(8*n)) == sqrt((KL + log(1/delta))/(2*n))\n\
        check (inf lam in [1, 2]: 1/lam + lam/n) ~ 1/2\n\
        check (inf k > 0: n^(-k) + k) ~ log(log(n))/log(n)\n\
        check (inf x > 0: 1/x + x/n + x^2/n^3) ~ 2/sqrt(n)\n\
        check (least m >= 1: KL/m <= 1/n) = Theta(n)\n";
    let src_eps = "var eps -> 0\nparam d >= 1\nparam delta in (0, 1)\n\
        let vc(m) = sqrt((d*log(m) + log(1/delta))/m)\n\
        check (least m >= 1: vc(m) <= eps) ~ 2*d*log(1/eps)/eps^2\n\
        check (least m >= 1: vc(m) <= eps) <= 10000 at eps = 1/10 where d = 10, delta = 1/20\n";
    let mut all = bnd::bench::time_source("optima.bnd", src, 9);
    all.extend(bnd::bench::time_source("samples.bnd", src_eps, 9));
    summary("inf, sup and least (median of 9)", &all);
    for t in &all {
        println!("    {:>10.3?}  {:8} {}", t.median, t.verdict, t.claim);
    }
}

fn main() {
    corpus_and_depth();
    optima();
    let mut files = Vec::new();
    bnd_files("theorems", &mut files);
    let mut all = Vec::new();
    for f in &files {
        all.extend(bnd::bench::time_claims(f, 15));
    }
    if all.is_empty() {
        println!("no claims found");
        return;
    }
    let mut times: Vec<Duration> = all.iter().map(|t| t.median).collect();
    times.sort();
    let median = times[times.len() / 2];
    let p90 = times[(times.len() * 9) / 10];
    let slowest = all
        .iter()
        .max_by_key(|t| t.median)
        .map(|t| (t.claim.clone(), t.median));
    println!("claims decided in-process: {}", all.len());
    println!("median per claim: {:?}", median);
    println!("90th percentile:  {:?}", p90);
    if let Some((c, t)) = slowest {
        println!("slowest: {:?}  {}", t, c);
    }
    let mut slow: Vec<_> = all.iter().collect();
    slow.sort_by_key(|t| std::cmp::Reverse(t.median));
    println!("ten slowest:");
    for t in slow.iter().take(10) {
        println!("  {:>10.3?}  {:8} {}", t.median, t.verdict, t.claim);
    }

    crossover_section(&files);

    // Whole process: the release binary on theorems/.
    let exe = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/bnd");
    if exe.exists() {
        let mut runs = Vec::new();
        for _ in 0..11 {
            let t = Instant::now();
            let _ = std::process::Command::new(&exe)
                .args(["check", "theorems/"])
                .output();
            runs.push(t.elapsed());
        }
        runs.sort();
        println!("`bnd check theorems/` process, median of 11: {:?}", runs[5]);
    } else {
        println!("(build `cargo build --release` to time the whole process)");
    }
}

/// Crossovers: every `show crossover` of theorems/ (time, boxes,
/// refinements), then how the cost grows as the crossover moves from 10^2
/// to 10^15 (sqrt(n) >= K*log(n), K chosen so that the threshold is near
/// 10^k; and c0 >= C/sqrt(n), threshold (C/c0)^2).
fn crossover_section(files: &[String]) {
    println!("crossovers of theorems/ (median of 15):");
    for f in files {
        for t in bnd::bench::time_crossovers(f, None, 15) {
            println!(
                "  {:>10.3?}  n0 = {:<10} {:>4} boxes {:>5} refinements  {}",
                t.median,
                t.integer.as_deref().unwrap_or("none"),
                t.boxes,
                t.refinements,
                t.show
            );
        }
    }
    println!("growth as the crossover moves out (median of 7):");
    let mut src = String::from("var n\n");
    for k in [2u32, 3, 5, 7, 9, 11, 13, 15] {
        // sqrt(n) = K log(n) at n = 10^k: K = 10^(k/2) / (k ln 10), as a
        // decimal with 6 significant digits
        let kf = 10f64.powf(k as f64 / 2.0) / (k as f64 * std::f64::consts::LN_10);
        src.push_str(&format!("show crossover {:.5e} * log(n) <= sqrt(n)\n", kf));
    }
    for k in [2u32, 4, 6, 8, 10, 12, 14] {
        // 3/sqrt(n) <= 3*10^(-k/2): threshold 10^k
        src.push_str(&format!(
            "show crossover 3/sqrt(n) + 1/n <= 3/10^{}\n",
            k / 2
        ));
    }
    for t in bnd::bench::time_crossovers("growth.bnd", Some(&src), 7) {
        println!(
            "  {:>10.3?}  n0 = {:<18} {:>4} boxes {:>5} refinements  {}",
            t.median,
            t.integer.as_deref().unwrap_or("none"),
            t.boxes,
            t.refinements,
            t.show
        );
    }
}
