//! Concrete functions for the `fn`s: candidates built from the hypotheses'
//! own bounds and a few simple growths (1, log n, sqrt n, n, n^2, 1/n, and
//! exp(-n), 1/n^2, n^3, exp(n), log log n after the bounds), each kept
//! only when the engine PROVES it eventually positive and proves every
//! hypothesis about that `fn` with it substituted; a model (one candidate
//! per `fn` satisfying every hypothesis, those relating several `fn`s
//! included); and refutations: a claim is refuted only when some
//! combination of candidates satisfies every hypothesis and the engine
//! refutes the claim with them substituted.

use super::bounds::Analyzer;
use super::{fns_of, short, Fact};
use crate::asymptotic::memo::Memo;
use crate::ir::{
    ClaimKind, Cmp, Decision, Evidence, Expr, Hypotheses, Hypothesis, ParamBox, Range, Verdict, Q,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hasher};

/// Raw candidates tried per `fn`.
const MAX_RAW: usize = crate::limits::LIMITS.witness_raw;
/// Candidates kept per `fn` (proved to satisfy its own hypotheses).
const MAX_KEPT: usize = crate::limits::LIMITS.witness_kept;
/// Combinations tried for a model.
const MAX_MODEL_COMBOS: usize = crate::limits::LIMITS.model_combos;
/// Hypothesis checks of the depth-first model search, after the first
/// `MAX_MODEL_COMBOS` combinations found no model.
const MAX_MODEL_CHECKS: usize = crate::limits::LIMITS.model_checks;
/// Combinations tried to refute one claim.
const MAX_REFUTE_COMBOS: usize = crate::limits::LIMITS.refute_combos;
/// At most this many `fn`s of a claim are varied (the others keep the model's function).
const MAX_VARIED: usize = crate::limits::LIMITS.varied_fns;

/// Replace every `fn` by its function in `m` (unassigned ones stay).
pub(crate) fn subst(e: &Expr, m: &BTreeMap<String, Expr>) -> Expr {
    crate::stack::guard!(subst(e, m));
    match e {
        Expr::Fn(g) => m.get(g).cloned().unwrap_or_else(|| e.clone()),
        Expr::Var | Expr::Num(_) | Expr::Pi | Expr::Param(_) => e.clone(),
        Expr::Neg(a) => Expr::neg(subst(a, m)),
        Expr::Add(a, b) => Expr::add(subst(a, m), subst(b, m)),
        Expr::Sub(a, b) => Expr::sub(subst(a, m), subst(b, m)),
        Expr::Mul(a, b) => Expr::mul(subst(a, m), subst(b, m)),
        Expr::Div(a, b) => Expr::div(subst(a, m), subst(b, m)),
        Expr::Pow(a, b) => Expr::pow(subst(a, m), subst(b, m)),
        Expr::Call(f, args) => Expr::Call(*f, args.iter().map(|a| subst(a, m)).collect()),
        Expr::Opt(o) => Expr::Opt(Box::new(o.map(&|a| subst(a, m)))),
    }
}

pub(crate) fn subst_kind(k: &ClaimKind, m: &BTreeMap<String, Expr>) -> ClaimKind {
    k.map_exprs(&|e| subst(e, m))
}

pub(crate) fn kind_fns(k: &ClaimKind) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    match k {
        ClaimKind::Landau { lhs, rhs, .. }
        | ClaimKind::Similar { lhs, rhs }
        | ClaimKind::Equal { lhs, rhs }
        | ClaimKind::NotEqual { lhs, rhs }
        | ClaimKind::Ineq { lhs, rhs, .. } => {
            out.extend(fns_of(lhs));
            out.extend(fns_of(rhs));
        }
        ClaimKind::Limit { expr, target } => {
            out.extend(fns_of(expr));
            if let crate::ir::LimitTarget::Finite(t) = target {
                out.extend(fns_of(t));
            }
        }
    }
    out
}

/// How `holds` answered a claim: by its identical-sides shortcut (no engine
/// call), or by the engine (one call of the analyzer's budget).
#[derive(Clone, Copy)]
enum Answer {
    Shortcut,
    Engine(bool),
}

/// The answers `holds` gave in one analyzer, keyed on the whole fn-free
/// claim (the hypothesis with every candidate substituted; the analyzer
/// fixes the parameter box, the variable and the engine). Found by the
/// claim's fingerprint, then compared in full. The same claim comes back
/// often: two `fn`s with the same hypothesis (`G_F = O(sqrt(n))`,
/// `G_G = O(sqrt(n))`) vet the same candidates, the model search meets a
/// hypothesis about two `fn`s with the same two candidates in many
/// combinations, and the depth-first search repeats the combinations'
/// checks. Only looked up, never iterated.
#[derive(Default)]
pub(crate) struct Held(HashMap<u64, Vec<(ClaimKind, Answer)>>);

impl Held {
    fn get(&self, fp: u64, k: &ClaimKind) -> Option<Answer> {
        let bucket = self.0.get(&fp)?;
        bucket.iter().find(|(c, _)| c == k).map(|(_, a)| *a)
    }
}

fn fingerprint(k: &ClaimKind) -> u64 {
    let mut h = DefaultHasher::new();
    crate::asymptotic::memo::hash_kind(k, &mut h);
    h.finish()
}

/// Does the fn-free claim `k` provably hold (for every admissible parameter
/// of the analyzer's box)? An answer given before is given again, and
/// costs the budget what it cost the first time: one engine call when the
/// engine answered, none for the shortcut (whose signs the analyzer keeps).
/// So the budget runs out at the same question as without the memo.
pub(crate) fn holds(k: &ClaimKind, an: &mut Analyzer) -> bool {
    let fp = fingerprint(k);
    match an.held.get(fp, k) {
        Some(Answer::Shortcut) => return true,
        Some(Answer::Engine(yes)) => return an.spend() && yes,
        None => {}
    }
    let params = an.params;
    if let ClaimKind::Ineq {
        lhs,
        op: Cmp::Le | Cmp::Ge,
        rhs,
        range,
    } = k
    {
        let same = lhs == rhs || crate::asymptotic::exact_zero_difference(lhs, rhs, params);
        if same {
            let ok = match range {
                Range::Eventually => an.sign(lhs).is_some() && an.sign(rhs).is_some(),
                Range::From(Expr::Num(q)) if *q >= Q::from_integer(1.into()) => {
                    defined_everywhere(lhs, params)
                        && (lhs == rhs || defined_everywhere(rhs, params))
                }
                _ => false,
            };
            if ok {
                an.held
                    .0
                    .entry(fp)
                    .or_default()
                    .push((k.clone(), Answer::Shortcut));
                return true;
            }
        }
    }
    if !an.spend() {
        return false;
    }
    let yes = an.proves_fn_free(k, params, an.var);
    an.held
        .0
        .entry(fp)
        .or_default()
        .push((k.clone(), Answer::Engine(yes)));
    yes
}

/// `simplify::is_defined_everywhere`, remembered for the whole run. The
/// shortcut of `holds` asks it about a hypothesis on a range (`G <= f for
/// n >= 1`) with a function equal to its bound, and every claim refuted
/// with the model checks that hypothesis again for the model's function, in
/// an analyzer of its own: the same question once per claim, each answer
/// an e-graph built afresh. The answer is a structural function of the
/// expression and the parameter box alone (no budget, no engine), so it is
/// the same whichever claim or thread asked first; the memo is bounded and
/// shared by the worker threads (`asymptotic::memo`).
fn defined_everywhere(e: &Expr, params: &ParamBox) -> bool {
    type Key = (Expr, ParamBox);
    static MEMO: Memo<Key, bool> = Memo::new();
    let mut h = DefaultHasher::new();
    crate::asymptotic::memo::hash_expr(e, &mut h);
    let is = |(x, p): &Key| x == e && p == params;
    let key = || (e.clone(), params.clone());
    MEMO.get_or_with(h.finish(), is, key, || {
        crate::simplify::is_defined_everywhere(e, params)
    })
}

fn simple(var_pow: &[(i64, i64)]) -> Vec<Expr> {
    let mut v = vec![Expr::int(1), Expr::call1(crate::ir::Func::Log, Expr::Var)];
    for (p, q) in var_pow {
        v.push(if *q == 1 && *p == 1 {
            Expr::Var
        } else if *q == 2 && *p == 1 {
            Expr::call1(crate::ir::Func::Sqrt, Expr::Var)
        } else {
            Expr::pow(Expr::Var, Expr::Num(Q::new((*p).into(), (*q).into())))
        });
    }
    v
}

/// Candidate functions for `g`, proved eventually positive and proved to
/// satisfy every hypothesis that mentions `g` alone.
fn candidates(g: &str, own: &[&Hypothesis], an: &mut Analyzer) -> Vec<Expr> {
    let info = an.info(g);
    let logn = Expr::call1(crate::ir::Func::Log, Expr::Var);
    let mut raw: Vec<Expr> = simple(&[(1, 2), (1, 1), (2, 1), (-1, 1)]);
    if let Some(e) = &info.eq {
        raw.push(e.e.clone());
    }
    for u in &info.ups {
        raw.push(u.e.clone());
        raw.push(Expr::mul(Expr::int(2), u.e.clone()));
        raw.push(Expr::div(u.e.clone(), logn.clone()));
    }
    for l in &info.los {
        raw.push(l.e.clone());
        raw.push(Expr::mul(l.e.clone(), logn.clone()));
    }
    // The geometric mean of the two bounds, a growth between them; not when
    // they are one bound (`G = Theta(f)`): sqrt(f*f) is the candidate f
    // again, in a form whose interval evaluation near a zero of f (log(n)
    // at n = 1) costs seconds in a threshold search.
    if let (Some(u), Some(l)) = (info.ups.first(), info.los.first()) {
        if u.e != l.e {
            raw.push(Expr::call1(
                crate::ir::Func::Sqrt,
                Expr::mul(u.e.clone(), l.e.clone()),
            ));
        }
    }
    // Growths no bound above suggests: the counterexamples of claims false
    // only for fast decay or growth (`log(G) = O(log(n))` under `G = O(n)`
    // fails for G = exp(-n)), or slow growth (`log(log(n))`).
    let exp = |e: Expr| Expr::call1(crate::ir::Func::Exp, e);
    raw.push(exp(Expr::neg(Expr::Var)));
    raw.push(Expr::pow(Expr::Var, Expr::int(-2)));
    raw.push(Expr::pow(Expr::Var, Expr::int(3)));
    raw.push(exp(Expr::Var));
    raw.push(Expr::call1(crate::ir::Func::Log, logn.clone()));
    let mut seen = BTreeSet::new();
    raw.retain(|e| seen.insert(e.clone()));
    let mut kept = Vec::new();
    for c in raw.into_iter().take(MAX_RAW) {
        if kept.len() >= MAX_KEPT {
            break;
        }
        if an.sign(&c) != Some(false) {
            continue;
        }
        let m: BTreeMap<String, Expr> = [(g.to_string(), c.clone())].into_iter().collect();
        if own.iter().all(|h| holds(&subst_kind(&h.kind, &m), an)) {
            kept.push(c);
        }
    }
    kept
}

/// Index tuples over `sizes`, by increasing sum, at most `cap`.
pub(crate) fn combos(sizes: &[usize], cap: usize) -> Vec<Vec<usize>> {
    fn gen(
        sizes: &[usize],
        left: usize,
        cur: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        cap: usize,
    ) {
        if out.len() >= cap {
            return;
        }
        match sizes.split_first() {
            None => {
                if left == 0 {
                    out.push(cur.clone());
                }
            }
            Some((s, rest)) => {
                for i in 0..(*s).min(left + 1) {
                    cur.push(i);
                    gen(rest, left - i, cur, out, cap);
                    cur.pop();
                }
            }
        }
    }
    let mut out = Vec::new();
    if sizes.contains(&0) {
        return out;
    }
    let max: usize = sizes.iter().map(|s| s - 1).sum();
    for t in 0..=max {
        gen(sizes, t, &mut Vec::new(), &mut out, cap);
        if out.len() >= cap {
            break;
        }
    }
    out
}

type Model = Result<BTreeMap<String, Expr>, String>;

/// Candidates of every `fn`, and a model of all the hypotheses.
pub(crate) fn model(
    fns: &BTreeSet<String>,
    facts: &[Hypothesis],
    _all: &[(usize, Fact)],
    an: &mut Analyzer,
) -> (BTreeMap<String, Vec<Expr>>, Model) {
    let var = an.var;
    let mut cands: BTreeMap<String, Vec<Expr>> = BTreeMap::new();
    let mut multi: Vec<&Hypothesis> = Vec::new();
    for h in facts {
        if kind_fns(&h.kind).len() > 1 {
            multi.push(h);
        }
    }
    for g in fns {
        let own: Vec<&Hypothesis> = facts
            .iter()
            .filter(|h| {
                let f = kind_fns(&h.kind);
                f.len() == 1 && f.contains(g)
            })
            .collect();
        let c = candidates(g, &own, an);
        cands.insert(g.clone(), c);
    }
    if let Some((g, _)) = cands.iter().find(|(_, c)| c.is_empty()) {
        return (
            cands.clone(),
            Err(format!(
                "no function was found that provably satisfies the hypotheses about `{g}`, so they may be inconsistent: nothing is proved from them"
            )),
        );
    }
    let names: Vec<&String> = cands.keys().collect();
    let sizes: Vec<usize> = names.iter().map(|g| cands[*g].len()).collect();
    // A `fn` bounded by an expression in other `fn`s (`R <= h(G)`) is also
    // tried equal to that bound, the others fixed: then every hypothesis
    // is checked again (the bound is no vetted candidate).
    let mut at_bound: Vec<(String, Expr)> = Vec::new();
    for h in facts {
        for f in super::normalize(&h.kind, var).into_iter().flatten() {
            if !f.abs && f.bound.has_fn() && !at_bound.iter().any(|(g, _)| *g == f.subject) {
                at_bound.push((f.subject, f.bound));
            }
        }
    }
    let every: Vec<&Hypothesis> = facts.iter().collect();
    for tuple in combos(&sizes, MAX_MODEL_COMBOS) {
        let m: BTreeMap<String, Expr> = names
            .iter()
            .zip(&tuple)
            .map(|(g, i)| ((*g).clone(), cands[*g][*i].clone()))
            .collect();
        if multi.iter().all(|h| holds(&subst_kind(&h.kind, &m), an)) {
            return (cands, Ok(m));
        }
        if at_bound.is_empty() {
            continue;
        }
        let mut m1 = m.clone();
        for (g, b) in &at_bound {
            let e = subst(b, &m1);
            m1.insert(g.clone(), e);
        }
        if m1 != m
            && m1.values().all(|e| !e.has_fn())
            && at_bound.iter().all(|(g, _)| an.sign(&m1[g]) == Some(false))
            && every.iter().all(|h| holds(&subst_kind(&h.kind, &m1), an))
        {
            return (cands, Ok(m1));
        }
    }
    if let Some(m) = backtrack(&names, &cands, &multi, an) {
        return (cands, Ok(m));
    }
    (
        cands,
        Err("no functions were found that provably satisfy all the hypotheses together, so they may be inconsistent: nothing is proved from them".into()),
    )
}

/// A model by depth-first search over the candidates, `fn`s in name order
/// and candidates in list order, checking each hypothesis about several
/// `fn`s as soon as all of them are chosen (a chain `F = O(G)`, `G = O(H)`,
/// `H = o(K)` needs candidates far down each list, which the first
/// combinations by increasing index sum do not reach). At most
/// `MAX_MODEL_CHECKS` hypothesis checks: the search only ever returns a
/// model every hypothesis was proved for (the candidates satisfy their own
/// hypotheses, the rest are checked here), so the budget costs completeness,
/// never soundness. A check `holds` answers from its memo (one the
/// combinations above or an earlier branch asked) counts as a check like
/// any other: the budget counts the checks the search asks for, so it ends
/// at the same place whatever the memo holds.
fn backtrack(
    names: &[&String],
    cands: &BTreeMap<String, Vec<Expr>>,
    multi: &[&Hypothesis],
    an: &mut Analyzer,
) -> Option<BTreeMap<String, Expr>> {
    // the hypotheses to check once the first `k + 1` fns are chosen
    let due: Vec<Vec<&Hypothesis>> = (0..names.len())
        .map(|k| {
            multi
                .iter()
                .filter(|h| {
                    let fs = kind_fns(&h.kind);
                    fs.contains(names[k].as_str()) && fs.iter().all(|f| names[..=k].contains(&f))
                })
                .copied()
                .collect()
        })
        .collect();
    // every hypothesis is checked somewhere, or no model is claimed
    let scheduled: usize = due.iter().map(Vec::len).sum();
    if scheduled != multi.len() || names.is_empty() {
        return None;
    }
    let mut checks = 0usize;
    let mut m: BTreeMap<String, Expr> = BTreeMap::new();
    let mut next = vec![0usize; names.len()];
    let mut k = 0usize;
    loop {
        let g = names[k];
        let list = &cands[g.as_str()];
        if next[k] >= list.len() {
            // exhausted: back to the previous fn
            m.remove(g.as_str());
            next[k] = 0;
            if k == 0 {
                return None;
            }
            k -= 1;
            continue;
        }
        m.insert(g.clone(), list[next[k]].clone());
        next[k] += 1;
        let mut ok = true;
        for h in &due[k] {
            if checks >= MAX_MODEL_CHECKS {
                return None;
            }
            checks += 1;
            if !holds(&subst_kind(&h.kind, &m), an) {
                ok = false;
                break;
            }
        }
        if ok {
            if k + 1 == names.len() {
                return Some(m);
            }
            k += 1;
        }
    }
}

/// Refute `kind` with concrete functions satisfying every hypothesis.
pub(crate) fn refute(
    kind: &ClaimKind,
    hyps: &Hypotheses,
    params: &ParamBox,
    var: &str,
    an: &mut Analyzer,
) -> Option<Decision> {
    let base = hyps.model.as_ref().ok()?;
    let varied: Vec<String> = kind_fns(kind).into_iter().take(MAX_VARIED).collect();
    let fits = |e: &Expr| e.params().iter().all(|p| params.params.contains_key(p));
    let lists: Vec<Vec<Expr>> = varied
        .iter()
        .map(|g| {
            hyps.candidates
                .get(g)
                .map(|v| v.iter().filter(|e| fits(e)).cloned().collect())
                .unwrap_or_default()
        })
        .collect();
    if base.values().any(|e| !fits(e)) {
        return None;
    }
    let multi: Vec<&Hypothesis> = hyps
        .facts
        .iter()
        .filter(|h| kind_fns(&h.kind).len() > 1)
        .collect();
    let all: Vec<&Hypothesis> = hyps.facts.iter().collect();
    let sizes: Vec<usize> = lists.iter().map(Vec::len).collect();
    for tuple in combos(&sizes, MAX_REFUTE_COMBOS) {
        let mut m0 = base.clone();
        for ((g, list), i) in varied.iter().zip(&lists).zip(&tuple) {
            m0.insert(g.clone(), list[*i].clone());
        }
        if let Some(d) = refute_with(kind, &m0, &varied, &multi, params, var, an) {
            return Some(d);
        }
        // Also each varied fn at its inequality bound in the others (`R <=
        // h(G)` tried as R = h(G)), the extreme case: then EVERY hypothesis
        // is checked again, the new function being no vetted candidate.
        for g in &varied {
            for f in hyps
                .facts
                .iter()
                .filter_map(|h| super::normalize(&h.kind, var).ok())
                .flatten()
            {
                if f.subject != *g || f.abs || !f.bound.has_fn() {
                    continue;
                }
                let mut m1 = m0.clone();
                m1.insert(g.clone(), subst(&f.bound, &m0));
                if m1 == m0 || !fits_all(&m1, params) {
                    continue;
                }
                if let Some(d) = refute_with(kind, &m1, &varied, &all, params, var, an) {
                    return Some(d);
                }
            }
        }
    }
    None
}

fn fits_all(m: &BTreeMap<String, Expr>, params: &ParamBox) -> bool {
    m.values()
        .all(|e| e.params().iter().all(|p| params.params.contains_key(p)) && !e.has_fn())
}

/// The claim with the functions `m` substituted, refuted by the engine,
/// with every hypothesis in `check` proved for `m` and every varied
/// function proved eventually positive.
fn refute_with(
    kind: &ClaimKind,
    m: &BTreeMap<String, Expr>,
    varied: &[String],
    check: &[&Hypothesis],
    params: &ParamBox,
    var: &str,
    an: &mut Analyzer,
) -> Option<Decision> {
    let concrete = subst_kind(kind, m);
    if concrete_has_fn(&concrete) || !an.spend() {
        return None;
    }
    let d = an.fn_free(&concrete, params, var);
    if d.verdict != Verdict::Refuted {
        return None;
    }
    for g in varied {
        let e = m.get(g)?;
        if an.sign(e) != Some(false) {
            return None;
        }
    }
    if !check.iter().all(|h| holds(&subst_kind(&h.kind, m), an)) {
        return None;
    }
    let with: Vec<String> = varied
        .iter()
        .filter_map(|g| m.get(g).map(|e| format!("{g} = {}", short(e, var))))
        .collect();
    let chosen: BTreeMap<String, Expr> = varied
        .iter()
        .filter_map(|g| m.get(g).map(|e| (g.clone(), e.clone())))
        .collect();
    let text = format!(
        "with {} (which {} every hypothesis): {}",
        crate::reason::named("witness", "a choice of the `fn`s", &with.join(", ")),
        if with.len() == 1 {
            "satisfies"
        } else {
            "satisfy"
        },
        d.reason
    );
    Some(Decision::refuted(text).with_evidence(Evidence::Witness(chosen)))
}

fn concrete_has_fn(k: &ClaimKind) -> bool {
    !kind_fns(k).is_empty()
}
