//! The `fn`/`assume` class of the soundness tests: random hypothesis sets
//! over one to three `fn`s, in every accepted form (Landau, `~`, `lim`,
//! `<=`/`>=` eventually and `for n >= N0`, `==`, relations between `fn`s),
//! written as `.bnd` source and checked through the real front end; for
//! each set, several concrete model functions built by this module to
//! satisfy every hypothesis (by construction, from the mathematics of each
//! form, then double-checked by the referee), degenerate ones included: a
//! function equal to its bound, two `fn`s equal to each other, constants,
//! `f*(1 + 1/log(n+2))`, `f/log(n+2)`, `exp(-n)`. Every proved claim must
//! hold for every model; every refutation's witness must be eventually
//! positive, satisfy every hypothesis and break the claim — all judged by
//! the referee (`judge`), never by the checker.

use super::findings::{self, expr, Finding, Tally};
use super::judge::{judge, subst_kind, Models, Params, Truth};
use super::Rng;
use crate::ir::{ClaimKind, Verdict, Q};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// A limit: finite or +oo.
#[derive(Clone, Debug, PartialEq)]
enum L {
    Fin(Q),
    Inf,
}

fn q(p: i64, d: i64) -> Q {
    Q::new(BigInt::from(p), BigInt::from(d))
}

/// Which side of its limit a ratio stays on, eventually.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Side {
    Below,
    Equal,
    Above,
    Unknown,
}

/// Growths a hypothesis may bound a `fn` by; each is >= 0 for n >= 1.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Base {
    One,
    Log,
    Sqrt,
    N,
    NLog,
    N2,
}

const BASES: [Base; 6] = [
    Base::One,
    Base::Log,
    Base::Sqrt,
    Base::N,
    Base::NLog,
    Base::N2,
];

impl Base {
    fn text(self) -> &'static str {
        match self {
            Base::One => "1",
            Base::Log => "log(n)",
            Base::Sqrt => "sqrt(n)",
            Base::N => "n",
            Base::NLog => "n*log(n)",
            Base::N2 => "n^2",
        }
    }
    /// Is the base >= 1 for every n >= n0?
    fn at_least_one(self, n0: u32) -> bool {
        match self {
            Base::Log => n0 >= 3,
            Base::NLog => n0 >= 2,
            _ => true,
        }
    }
}

/// A factor m multiplying the bound F (G = F*m), with what is known of it
/// for every F >= 0: its limit, the side it approaches it from, and
/// whether m <= 1 (`le1`) or m >= 1 (`ge1`) for every n >= 1.
struct Factor {
    text: &'static str,
    lim: L,
    side: Side,
    le1: bool,
    ge1: bool,
}

const fn fin(p: i64) -> Option<i64> {
    Some(p)
}

/// (text with `F` for the bound, limit numerator/denominator (None = oo),
/// side, le1, ge1)
#[allow(clippy::type_complexity)]
const FACTORS: [(&str, Option<i64>, i64, Side, bool, bool); 11] = [
    ("F", fin(1), 1, Side::Equal, true, true),
    ("2*F", fin(2), 1, Side::Equal, false, true),
    ("F/2", fin(1), 2, Side::Equal, true, false),
    ("F*(n+1)/(n+2)", fin(1), 1, Side::Below, true, false),
    ("F*(n+2)/(n+1)", fin(1), 1, Side::Above, false, true),
    ("F*(1 + 1/log(n+2))", fin(1), 1, Side::Above, false, true),
    ("F/log(n+2)", fin(0), 1, Side::Above, true, false),
    ("F*log(n+2)", None, 1, Side::Unknown, false, true),
    ("F*sqrt(n)", None, 1, Side::Unknown, false, true),
    ("F/sqrt(n)", fin(0), 1, Side::Above, true, false),
    ("F*(2 + 1/(n+1))", fin(2), 1, Side::Above, false, true),
];

fn factor(i: usize) -> Factor {
    let (text, num, den, side, le1, ge1) = FACTORS[i];
    Factor {
        text,
        lim: num.map_or(L::Inf, |p| L::Fin(q(p, den))),
        side,
        le1,
        ge1,
    }
}

/// Models that ignore the bound: the constant 1, exp(-n), 1/n.
const SPECIALS: [&str; 3] = ["1", "exp(-n)", "1/n"];

/// What a `fn`'s hypotheses bound it by.
#[derive(Clone, Copy, Debug)]
enum Rel {
    /// No hypothesis at all: any eventually positive function.
    Free,
    Base(Base),
    /// Another (earlier) `fn`.
    Fn(usize),
}

/// A hypothesis form about G relative to its bound F.
#[derive(Clone, Debug)]
enum Form {
    BigO,
    LittleO,
    Theta,
    Omega,
    LittleOmega,
    Sim,
    Le(Q),
    Ge(Q),
    LeFrom(u32),
    GeFrom(u32),
    LimInf,
    LimZero,
    LimC(Q),
    Exact,
}

/// What is known of one model of G: m = G/F and G itself.
#[derive(Clone, Debug)]
struct Shape {
    text: String,
    /// lim m (`None`: not known).
    m_lim: Option<L>,
    side: Side,
    /// m <= 1 (resp. >= 1) for every n >= n0, n0 in {1, 10}.
    le1: [bool; 2],
    ge1: [bool; 2],
    /// lim G (`None`: not known).
    g_lim: Option<L>,
}

/// The bound F of a `fn`, as the models see it.
struct Bound {
    text: String,
    lim: Option<L>,
    /// F >= 1 (resp. <= 1) for every n >= n0, n0 in {1, 10}.
    ge1: [bool; 2],
    le1: [bool; 2],
    base: Option<Base>,
}

fn product(a: &Option<L>, b: &L) -> Option<L> {
    match (a.as_ref()?, b) {
        (L::Fin(x), L::Fin(y)) => Some(L::Fin(x * y)),
        (L::Inf, L::Fin(y)) | (L::Fin(y), L::Inf) => (y.is_positive()).then_some(L::Inf),
        (L::Inf, L::Inf) => Some(L::Inf),
    }
}

/// Every model of G over the bound F: the factors, then the specials.
fn shapes(f: &Bound) -> Vec<Shape> {
    let mut out = Vec::new();
    for i in 0..FACTORS.len() {
        let k = factor(i);
        out.push(Shape {
            text: k.text.replace('F', &format!("({})", f.text)),
            m_lim: Some(k.lim.clone()),
            side: k.side,
            le1: [k.le1; 2],
            ge1: [k.ge1; 2],
            g_lim: product(&f.lim, &k.lim),
        });
    }
    for (s, text) in SPECIALS.iter().enumerate() {
        // m = G/F with G -> 1 (the constant) or G -> 0
        let g_lim = L::Fin(if s == 0 { q(1, 1) } else { Q::zero() });
        let m_lim = match (&f.lim, &g_lim) {
            (Some(L::Inf), _) => Some(L::Fin(Q::zero())),
            (Some(L::Fin(a)), L::Fin(g)) if a.is_positive() => Some(L::Fin(g / a)),
            _ => None,
        };
        let below_f = |i: usize| match (s, f.base) {
            (0, _) => f.ge1[i],
            (_, Some(b)) => b != Base::Log && b != Base::NLog || i == 1,
            (_, None) => false,
        };
        out.push(Shape {
            text: text.to_string(),
            m_lim,
            side: if s == 0 && f.base == Some(Base::One) {
                Side::Equal
            } else if matches!(f.lim, Some(L::Inf)) {
                Side::Above
            } else {
                Side::Unknown
            },
            le1: [below_f(0), below_f(1)],
            ge1: [s == 0 && f.le1[0], s == 0 && f.le1[1]],
            g_lim: Some(g_lim),
        });
    }
    out
}

fn admits(form: &Form, s: &Shape) -> bool {
    let m = s.m_lim.as_ref();
    let pos = |l: Option<&L>| {
        matches!(l, Some(L::Inf)) || matches!(l, Some(L::Fin(x)) if x.is_positive())
    };
    match form {
        Form::BigO => matches!(m, Some(L::Fin(_))),
        Form::LittleO => matches!(m, Some(L::Fin(x)) if x.is_zero()),
        Form::Theta => matches!(m, Some(L::Fin(x)) if x.is_positive()),
        Form::Omega => pos(m),
        Form::LittleOmega => matches!(m, Some(L::Inf)),
        Form::Sim => matches!(m, Some(L::Fin(x)) if *x == q(1, 1)),
        Form::Le(c) => match m {
            Some(L::Fin(x)) => x < c || (x == c && matches!(s.side, Side::Below | Side::Equal)),
            _ => false,
        },
        Form::Ge(c) => match m {
            Some(L::Inf) => true,
            Some(L::Fin(x)) => x > c || (x == c && matches!(s.side, Side::Above | Side::Equal)),
            None => false,
        },
        Form::LeFrom(n0) => s.le1[(*n0 >= 10) as usize],
        Form::GeFrom(n0) => s.ge1[(*n0 >= 10) as usize],
        Form::LimInf => matches!(s.g_lim, Some(L::Inf)),
        Form::LimZero => matches!(&s.g_lim, Some(L::Fin(x)) if x.is_zero()),
        Form::LimC(c) => matches!(&s.g_lim, Some(L::Fin(x)) if x == c),
        Form::Exact => matches!(m, Some(L::Fin(x)) if *x == q(1, 1)) && s.side == Side::Equal,
    }
}

fn qtext(c: &Q) -> String {
    crate::ir::fmt_q(c)
}

/// The `assume` text of a form about `g` with bound text `f`.
fn form_text(form: &Form, g: &str, f: &str, r: &mut Rng) -> String {
    let flip = r.below(2) == 0;
    let scaled = |c: &Q| {
        if *c == q(1, 1) {
            f.to_string()
        } else {
            format!("{}*{f}", qtext(c))
        }
    };
    let is = if r.below(4) == 0 { "in" } else { "=" };
    match form {
        Form::BigO if flip => format!("{f} {is} Omega({g})"),
        Form::BigO => format!("{g} {is} O({f})"),
        Form::LittleO if flip => format!("{f} {is} omega({g})"),
        Form::LittleO => format!("{g} {is} o({f})"),
        Form::Theta if flip => format!("{f} {is} Theta({g})"),
        Form::Theta => format!("{g} {is} Theta({f})"),
        Form::Omega if flip => format!("{f} {is} O({g})"),
        Form::Omega => format!("{g} {is} Omega({f})"),
        Form::LittleOmega if flip => format!("{f} {is} o({g})"),
        Form::LittleOmega => format!("{g} {is} omega({f})"),
        Form::Sim if flip => format!("{f} ~ {g}"),
        Form::Sim => format!("{g} ~ {f}"),
        Form::Le(c) if flip => format!("{} >= {g} eventually", scaled(c)),
        Form::Le(c) => format!("{g} <= {} eventually", scaled(c)),
        Form::Ge(c) if flip => format!("{} <= {g} eventually", scaled(c)),
        Form::Ge(c) => format!("{g} >= {} eventually", scaled(c)),
        Form::LeFrom(n0) if flip => format!("{f} >= {g} for n >= {n0}"),
        Form::LeFrom(n0) => format!("{g} <= {f} for n >= {n0}"),
        Form::GeFrom(n0) => format!("{g} >= {f} for n >= {n0}"),
        Form::LimInf => format!("lim {g} = oo"),
        Form::LimZero => format!("lim {g} = 0"),
        Form::LimC(c) => format!("lim {g} = {}", qtext(c)),
        Form::Exact => format!("{g} == {f}"),
    }
}

fn random_form(r: &mut Rng, base_one: bool) -> Form {
    let c = |r: &mut Rng| [q(1, 1), q(2, 1), q(1, 2)][r.below(3) as usize].clone();
    match r.below(if base_one { 16 } else { 14 }) {
        0 => Form::BigO,
        1 => Form::LittleO,
        2 => Form::Theta,
        3 => Form::Omega,
        4 => Form::LittleOmega,
        5 => Form::Sim,
        6 | 7 => Form::Le(c(r)),
        8 | 9 => Form::Ge(c(r)),
        10 => Form::LeFrom([1, 10][r.below(2) as usize]),
        11 => Form::GeFrom([1, 10][r.below(2) as usize]),
        12 => [Form::LimInf, Form::LimZero][r.below(2) as usize].clone(),
        13 => Form::Exact,
        _ => Form::LimC(c(r)),
    }
}

const NAMES: [&str; 3] = ["G", "H", "K"];

/// One generated hypothesis set.
struct Set {
    rels: Vec<Rel>,
    /// Forms per `fn` (about its bound).
    forms: Vec<Vec<Form>>,
    /// The `assume` lines.
    lines: Vec<String>,
}

/// The bound of `fn` i given the models already chosen for earlier `fn`s.
fn bound_of(set: &Set, i: usize, chosen: &[Shape]) -> Bound {
    match set.rels[i] {
        Rel::Free => base_bound(Base::N),
        Rel::Base(b) => base_bound(b),
        Rel::Fn(j) => Bound {
            text: chosen[j].text.clone(),
            lim: chosen[j].g_lim.clone(),
            ge1: [false; 2],
            le1: [false; 2],
            base: None,
        },
    }
}

fn base_bound(b: Base) -> Bound {
    Bound {
        text: b.text().to_string(),
        lim: Some(if b == Base::One {
            L::Fin(q(1, 1))
        } else {
            L::Inf
        }),
        ge1: [b.at_least_one(1), b.at_least_one(10)],
        le1: [b == Base::One; 2],
        base: Some(b),
    }
}

/// The admissible models of `fn` i, given earlier choices.
fn admissible(set: &Set, i: usize, chosen: &[Shape]) -> Vec<Shape> {
    let f = bound_of(set, i, chosen);
    let mut out: Vec<Shape> = shapes(&f)
        .into_iter()
        .filter(|s| set.forms[i].iter().all(|form| admits(form, s)))
        .collect();
    if matches!(set.rels[i], Rel::Free) {
        // a free `fn` may also equal an earlier one
        out.extend(chosen.iter().cloned());
    }
    out
}

fn gen_set(r: &mut Rng, fns: usize) -> Set {
    let mut set = Set {
        rels: vec![],
        forms: vec![],
        lines: vec![],
    };
    for (i, g) in NAMES.iter().enumerate().take(fns) {
        let mut done = false;
        for _ in 0..12 {
            let rel = match r.below(7) {
                0 => Rel::Free,
                1 | 2 if i > 0 => Rel::Fn(r.below(i as u64) as usize),
                _ => Rel::Base(BASES[r.below(BASES.len() as u64) as usize]),
            };
            let forms: Vec<Form> = match rel {
                Rel::Free => vec![],
                Rel::Base(b) => (0..1 + r.below(2))
                    .map(|_| random_form(r, b == Base::One))
                    .collect(),
                Rel::Fn(_) => vec![random_form(r, false)],
            };
            set.rels.push(rel);
            set.forms.push(forms);
            // satisfiable for the first admissible choice of every earlier fn?
            let mut chosen = Vec::new();
            let mut ok = true;
            for j in 0..=i {
                match admissible(&set, j, &chosen).into_iter().next() {
                    Some(s) => chosen.push(s),
                    None => ok = false,
                }
                if !ok {
                    break;
                }
            }
            if ok {
                done = true;
                break;
            }
            set.rels.pop();
            set.forms.pop();
        }
        if !done {
            set.rels.push(Rel::Free);
            set.forms.push(vec![]);
        }
        let f = match set.rels[i] {
            Rel::Base(b) => b.text().to_string(),
            Rel::Fn(j) => NAMES[j].to_string(),
            Rel::Free => String::new(),
        };
        for form in set.forms[i].clone() {
            let line = format!("assume {}", form_text(&form, g, &f, r));
            set.lines.push(line);
        }
    }
    set
}

/// Up to `k` model combinations (first choices, equal choices where
/// possible, random ones), distinct.
fn combos(set: &Set, r: &mut Rng, k: usize) -> Vec<Vec<Shape>> {
    let mut out: Vec<Vec<Shape>> = Vec::new();
    for c in 0..k * 2 {
        let mut chosen: Vec<Shape> = Vec::new();
        let mut last_index = 0;
        for i in 0..set.rels.len() {
            let adm = admissible(set, i, &chosen);
            if adm.is_empty() {
                break;
            }
            let idx = match c {
                0 => 0,
                1 => last_index.min(adm.len() - 1),
                _ => r.below(adm.len() as u64) as usize,
            };
            last_index = idx;
            chosen.push(adm[idx].clone());
        }
        if chosen.len() == set.rels.len()
            && !out
                .iter()
                .any(|o| o.iter().zip(&chosen).all(|(a, b)| a.text == b.text))
        {
            out.push(chosen);
        }
        if out.len() >= k {
            break;
        }
    }
    out
}

/// A random expression over the `fn`s and their bounds.
fn term(r: &mut Rng, set: &Set) -> String {
    let fns = set.rels.len();
    let g = |r: &mut Rng| NAMES[r.below(fns as u64) as usize].to_string();
    let bound = |r: &mut Rng| {
        let i = r.below(fns as u64) as usize;
        match set.rels[i] {
            Rel::Base(b) => b.text().to_string(),
            _ => ["1", "n", "log(n)", "2"][r.below(4) as usize].to_string(),
        }
    };
    match r.below(14) {
        0..=5 => g(r),
        6 | 7 => bound(r),
        8 => format!("{} + {}", g(r), g(r)),
        9 => format!("{}*{}", g(r), g(r)),
        10 => format!("max({}, {})", g(r), g(r)),
        11 => format!("min({}, {})", g(r), g(r)),
        12 => format!("sqrt({})", g(r)),
        _ => format!("2*{}", g(r)),
    }
}

/// A random claim over the hypothesis set.
fn gen_claim(r: &mut Rng, set: &Set) -> String {
    let x = term(r, set);
    let mut y = term(r, set);
    if y == x && r.below(3) != 0 {
        y = term(r, set);
    }
    let t = [
        "abs(X - Y) > 0 eventually",
        "abs(X - Y) >= 0 eventually",
        "X != Y",
        "2*X != X + Y",
        "X - Y != 0",
        "min(abs(X - Y), 1) > 0 eventually",
        "sqrt(abs(X - Y)) > 0 eventually",
        "abs(X - Y)*n > 0 eventually",
        "abs(X - Y) + n > n eventually",
        "1/abs(X - Y) > 0 eventually",
        "X = O(Y)",
        "X = o(Y)",
        "X = Theta(Y)",
        "X = Omega(Y)",
        "X = omega(Y)",
        "X ~ Y",
        "lim X/Y = 1",
        "lim X/Y = 0",
        "lim X/Y = oo",
        "lim X = oo",
        "lim X = 0",
        "X <= Y eventually",
        "X < Y eventually",
        "X >= Y eventually",
        "X > Y eventually",
        "X <= 2*Y eventually",
        "X >= Y/2 eventually",
        "X == Y",
        "X <= Y for n >= 10",
        "X >= Y for n >= 1",
        "X != Y at n = 5",
        "abs(X - Y) = o(Y)",
        "X - Y = O(Y)",
        "X != 1",
    ][r.below(34) as usize];
    // `1/abs(X - X)` with X free of `fn`s (`n`) divides by what is
    // identically 0: the file is rejected with an error, rightly, and the
    // round would judge nothing.
    let fn_free = !NAMES.iter().any(|f| x.contains(f));
    let t = if t.starts_with("1/abs") && x == y && fn_free {
        "abs(X - Y) >= 0 eventually"
    } else {
        t
    };
    t.replace('X', &format!("({x})"))
        .replace('Y', &format!("({y})"))
}

fn class(v: Verdict, k: &ClaimKind) -> &'static str {
    use findings::kind_name;
    match (v, kind_name(k)) {
        (Verdict::Proved, "!=") => "fn: proved `!=` false for a model",
        (Verdict::Proved, "eventually") => "fn: proved `eventually` false for a model",
        (Verdict::Proved, "==") => "fn: proved `==` false for a model",
        (Verdict::Proved, "lim c" | "lim oo") => "fn: proved `lim` false for a model",
        (Verdict::Proved, "~") => "fn: proved `~` false for a model",
        (Verdict::Proved, _) => "fn: proved claim false for a model",
        (_, _) => "fn: refuted claim true for the witness",
    }
}

/// One hypothesis set and its claims, judged.
fn round(r: &mut Rng, t: &mut Tally, claims_per_set: usize) {
    let fns = 1 + r.below(3) as usize;
    let set = gen_set(r, fns);
    let names: Vec<String> = NAMES[..fns].iter().map(|s| s.to_string()).collect();
    let mut src = format!("var n\nfn {}\n", names.join(", "));
    for l in &set.lines {
        src.push_str(l);
        src.push('\n');
    }
    for _ in 0..claims_per_set {
        src.push_str(&format!("check {}\n", gen_claim(r, &set)));
    }
    let ran = t.timed_run(&src);
    let Some(program) = &ran.program else {
        t.harness.push(format!("no program for\n{src}"));
        return;
    };
    for e in &ran.errors {
        if e.contains("inconsistent") || e.contains("impossible") {
            t.findings.push(Finding {
                class: "fn: satisfiable hypotheses called inconsistent",
                file: src.clone(),
                claim: "(the hypotheses)".into(),
                verdict: Verdict::Refuted,
                reason: e.clone(),
                breaker: "the models of this file".into(),
                why: "every model was built to satisfy every hypothesis".into(),
            });
        } else {
            t.harness
                .push(format!("generated file has an error ({e}):\n{src}"));
        }
    }
    // the models, double-checked against every hypothesis
    let hyps: Vec<ClaimKind> = program
        .hypotheses
        .facts
        .iter()
        .map(|h| h.kind.clone())
        .collect();
    let mut models: Vec<Models> = Vec::new();
    for combo in combos(&set, r, 5) {
        let mut m = Models::new();
        for (g, s) in names.iter().zip(&combo) {
            match expr(&s.text) {
                Some(e) => {
                    m.insert(g.clone(), e);
                }
                None => t.harness.push(format!("model {} does not parse", s.text)),
            }
        }
        let bad: Vec<String> = hyps
            .iter()
            .filter_map(|h| {
                let j = judge(&subst_kind(h, &m), &Params::new());
                (j.truth == Truth::False).then(|| format!("{h:?}: {}", j.why))
            })
            .collect();
        if bad.is_empty() {
            models.push(m);
        } else {
            t.harness.push(format!(
                "model {} fails a hypothesis it was built for: {}\n{src}",
                findings::show_models(&m),
                bad.join("; ")
            ));
        }
    }
    for (text, kind, verdict, reason) in &ran.claims {
        let Ok(kind) = kind else {
            t.count("(not lowered)", *verdict);
            continue;
        };
        t.count(findings::kind_name(kind), *verdict);
        let finding = |breaker: String, why: String, class: &'static str| Finding {
            class,
            file: src.clone(),
            claim: text.clone(),
            verdict: *verdict,
            reason: reason.clone(),
            breaker,
            why,
        };
        match verdict {
            Verdict::Unknown => {}
            Verdict::Proved => {
                let mut judged_any = false;
                for m in &models {
                    let j = judge(&subst_kind(kind, m), &Params::new());
                    match j.truth {
                        Truth::False => {
                            t.findings.push(finding(
                                findings::show_models(m),
                                j.why,
                                class(*verdict, kind),
                            ));
                            judged_any = true;
                            break;
                        }
                        Truth::True => judged_any = true,
                        Truth::Unsure => {}
                    }
                }
                if !judged_any {
                    t.inconclusive += 1;
                }
            }
            Verdict::Refuted => {
                let Some(named) = findings::fn_witness(reason, &names) else {
                    t.inconclusive += 1;
                    continue;
                };
                let mut w: Models = program.hypotheses.model.clone().unwrap_or_default();
                w.extend(named.clone());
                if let Some(f) = witness_problem(&w, &named, &hyps, kind) {
                    t.findings
                        .push(finding(findings::show_models(&w), f.1, f.0));
                }
            }
        }
    }
}

/// What is wrong with a refutation's witness, if anything: not eventually
/// positive, a hypothesis it fails, or the claim holding for it.
pub fn witness_problem(
    w: &Models,
    named: &Models,
    hyps: &[ClaimKind],
    kind: &ClaimKind,
) -> Option<(&'static str, String)> {
    let p = Params::new();
    for (g, e) in named {
        let positive = ClaimKind::Ineq {
            lhs: e.clone(),
            op: crate::ir::Cmp::Gt,
            rhs: crate::ir::Expr::int(0),
            range: crate::ir::Range::Eventually,
        };
        let j = judge(&positive, &p);
        if j.truth == Truth::False {
            return Some((
                "fn: refutation witness not eventually positive",
                format!("{g} = {}: {}", e.display("n"), j.why),
            ));
        }
    }
    for h in hyps {
        let j = judge(&subst_kind(h, w), &p);
        if j.truth == Truth::False {
            return Some((
                "fn: refutation witness violates a hypothesis",
                format!(
                    "the hypothesis {} fails: {}",
                    show_kind(&subst_kind(h, w)),
                    j.why
                ),
            ));
        }
    }
    let j = judge(&subst_kind(kind, w), &p);
    (j.truth == Truth::True).then_some(("fn: refuted claim true for the witness", j.why))
}

/// A claim kind with its expressions shown.
pub fn show_kind(k: &ClaimKind) -> String {
    let s = |e: &crate::ir::Expr| e.display("n").to_string();
    match k {
        ClaimKind::Landau { lhs, rel, rhs } => format!("{} = {rel:?}({})", s(lhs), s(rhs)),
        ClaimKind::Similar { lhs, rhs } => format!("{} ~ {}", s(lhs), s(rhs)),
        ClaimKind::Limit { expr, target } => format!("lim {} = {target:?}", s(expr)),
        ClaimKind::Ineq {
            lhs,
            op,
            rhs,
            range,
            ..
        } => format!("{} {} {} ({range:?})", s(lhs), op.symbol(), s(rhs)),
        ClaimKind::Equal { lhs, rhs } => format!("{} == {}", s(lhs), s(rhs)),
        ClaimKind::NotEqual { lhs, rhs } => format!("{} != {}", s(lhs), s(rhs)),
    }
}

/// Hypothesis sets of the fast slice (each with `CLAIMS` claims).
const FAST_SETS: usize = 14;
const CLAIMS: usize = 8;

#[test]
fn fn_claims_hold_for_every_model_and_witness() {
    let sets = findings::rounds(FAST_SETS);
    let mut r = Rng(findings::seed(0xf00d));
    let mut t = Tally::default();
    for _ in 0..sets {
        round(&mut r, &mut t, CLAIMS);
    }
    t.print("soundness/fns");
    t.assert_clean("soundness/fns");
}

/// The four hand-picked shapes of the class, as regression cases: each
/// must not be proved (a degenerate model breaks it).
#[test]
fn degenerate_models_break_these_claims() {
    let cases = [
        ("fn G\n", "abs(G - 1) > 0 eventually", "G", "1"),
        ("fn G\n", "G != 1", "G", "1"),
        (
            "fn G, H\nassume G ~ n\nassume H ~ n\n",
            "abs(G - H) > 0 eventually",
            "G",
            "n",
        ),
        (
            "fn G, H\nassume G ~ n\nassume H ~ n\n",
            "2*G != G + H",
            "G",
            "n",
        ),
    ];
    let mut t = Tally::default();
    for (decls, claim, _, model) in cases {
        let src = format!("var n\n{decls}check {claim}\n");
        let ran = t.timed_run(&src);
        let names: Vec<String> = ["G", "H"].iter().map(|s| s.to_string()).collect();
        let mut m = Models::new();
        for g in &names {
            if let Some(e) = expr(model) {
                m.insert(g.clone(), e);
            }
        }
        for (text, kind, verdict, reason) in &ran.claims {
            let Ok(kind) = kind else { continue };
            t.count(findings::kind_name(kind), *verdict);
            let j = judge(&subst_kind(kind, &m), &Params::new());
            assert_eq!(j.truth, Truth::False, "{text} with {model}: {}", j.why);
            if *verdict == Verdict::Proved {
                t.findings.push(Finding {
                    class: class(*verdict, kind),
                    file: src.clone(),
                    claim: text.clone(),
                    verdict: *verdict,
                    reason: reason.clone(),
                    breaker: findings::show_models(&m),
                    why: j.why,
                });
            }
        }
    }
    t.print("soundness/fns regressions");
    t.assert_clean("soundness/fns regressions");
}

#[test]
fn models_are_built_to_satisfy_their_forms() {
    // a few forms by hand: the factor table must say what mathematics says
    let n = base_bound(Base::N);
    let all = shapes(&n);
    let texts = |form: Form| -> Vec<String> {
        all.iter()
            .filter(|s| admits(&form, s))
            .map(|s| s.text.clone())
            .collect()
    };
    assert!(texts(Form::Sim).contains(&"(n)".to_string()));
    assert!(!texts(Form::Sim).contains(&"2*(n)".to_string()));
    assert!(texts(Form::LittleO).contains(&"1".to_string()));
    assert!(texts(Form::LittleO).contains(&"exp(-n)".to_string()));
    assert!(!texts(Form::Le(q(1, 1))).contains(&"(n)*(1 + 1/log(n+2))".to_string()));
    assert!(texts(Form::Le(q(1, 1))).contains(&"(n)*(n+1)/(n+2)".to_string()));
    assert!(texts(Form::Exact) == vec!["(n)".to_string()]);
}

/// Regression: the generator wrote `1/abs((n) - (n))`, a division by what
/// is identically 0, which the checker rightly rejects as an error, so the
/// long run counted three "harness problems" (0 contradictions).
#[test]
fn generated_claims_never_divide_by_an_identical_zero() {
    let mut r = Rng(7);
    for _ in 0..3000 {
        let fns = 1 + r.below(3) as usize;
        let set = gen_set(&mut r, fns);
        for _ in 0..50 {
            let c = gen_claim(&mut r, &set);
            if let Some(rest) = c.strip_prefix("1/abs(") {
                let inner = rest.split(" > ").next().unwrap_or("");
                let inner = inner.strip_suffix(')').unwrap_or(inner);
                if let Some((a, b)) = inner.split_once(" - ") {
                    let fn_free = !NAMES.iter().any(|f| a.contains(f));
                    assert!(!(a == b && fn_free), "{c}");
                }
            }
        }
    }
}
