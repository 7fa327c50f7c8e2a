//! Every budget of the checker in one table: how deep an expression may
//! nest, how many nodes, terms, boxes, steps and bits each stage may spend.
//! A module names its budget by its own constant defined from [`LIMITS`]
//! (`const TRIAL_LIMIT: u64 = LIMITS.trial_division;`), so the value lives
//! here and the use stays where the work is done.
//!
//! A budget that runs out never proves anything: the stage that hits it
//! answers `unknown` with a reason, leaves a sound but coarser result
//! (a wider interval, a constant not folded, a form not simplified), or —
//! for the input limits of the parser and of lowering — reports an error
//! located in the file. Every count is a count, never a time, so the same
//! input gives the same output on every machine.
//!
//! Display widths, markup characters and mathematical constants are not
//! budgets and stay in their modules.

/// The checker's budgets; the one value is [`LIMITS`].
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    // ---- nesting ---------------------------------------------------------
    /// Deepest nesting of an expression, in levels of its tree (brackets,
    /// calls, operators, chains of prefix minus and `^`). The parser
    /// reports a deeper expression as a located error ("nested too
    /// deeply"), and lowering does the same when substituting definitions
    /// or `where` makes one deeper. Every later walk over a claim's
    /// expression accepts at least this depth (the e-graph's input, the
    /// series expansion, the threshold's squaring and power–log tail), so
    /// no accepted expression is turned away for its depth. Recursion is
    /// safe at any depth (`crate::stack::ensure`); the bound keeps the work
    /// per expression proportionate and the reports readable.
    pub nesting: usize,
    /// Depth from which the parser rebuilds a left-leaning chain of `+`/`-`
    /// (or of `*`) as a balanced tree, so that a sum of thousands of terms
    /// is not "nested too deeply". Below [`Limits::nesting`], so a chain
    /// is regrouped before it could be refused.
    pub rebalance_depth: usize,
    /// Deepest walk of the threshold engine's derivatives (`threshold::deriv`):
    /// a derivative nests a few levels more than its argument (the chain
    /// rule's `f'(g)*g'`), so the walk gets half as much again as
    /// [`Limits::nesting`]. Deeper: no derivative, and the search goes on
    /// without monotonicity.
    pub derivative_nesting: usize,
    /// Deepest walk over an expression built by substituting bounds into
    /// it (range bounds in `threshold::substitute`, `fn` bounds in
    /// `hypothesis`): four times [`Limits::nesting`], room for a few hops
    /// of substitution. Deeper: that substitution is not made (`unknown`
    /// if nothing else decides).
    pub derived_nesting: usize,
    /// Deepest nesting of monomial comparisons in the exp–log scale (an
    /// exponential inside an exponent inside ...): each level of it is at
    /// least one level of the expression, so [`Limits::nesting`] suffices.
    /// Deeper: `unknown` ("exponentials nested too deeply to compare").
    pub explog_compare_depth: usize,
    /// Longest chain `n, log n, log log n, ...` of the exp–log scale; each
    /// `log` is one level of the expression, so [`Limits::nesting`].
    /// Longer: `unknown` ("logarithms nested more than ... deep").
    pub log_chain: usize,
    /// Deepest nesting `exact::eval` evaluates (point values and interval
    /// enclosures). It sees expressions built by substitution too, so it is
    /// at least [`Limits::derived_nesting`]. Deeper: no value (`unknown`).
    pub eval_depth: usize,
    /// Deepest nesting of exact coefficients inside atoms (`sqrt` of a sum
    /// holding a `log` of ...). Deeper: the engine answers `unknown`; kept
    /// small because every level multiplies the cost of normalising.
    pub coef_nesting: usize,

    // ---- input size --------------------------------------------------------
    /// Largest decimal exponent of a number literal (`1e10000`). Larger: a
    /// located error ("exponent too large"); the value is an exact
    /// rational, so the exponent bounds its digits.
    pub literal_exponent: u64,
    /// Most nodes one definition or statement may expand to once
    /// definitions are substituted. More: a located error.
    pub statement_nodes: usize,
    /// Most nodes all statements of a run may expand to together (imports
    /// included). More: a located error; bounds the memory of a file whose
    /// definitions double at each step.
    pub total_nodes: usize,
    /// Largest power folded to an exact number while lowering, in bits of
    /// the result. Larger: the power stays symbolic (sound).
    pub lower_fold_bits: u64,

    // ---- e-graph (`simplify`) ----------------------------------------------
    /// Most nodes of an expression put into an e-graph. More: that
    /// expression is not simplified (its own text is shown) and `==` is
    /// decided without the e-graph.
    pub egraph_input_nodes: usize,
    /// Saturation iterations of a proof of `A == B`. Out: the e-graph did
    /// not find the equality, and the other routes of `==` decide.
    pub equality_iterations: usize,
    /// Saturation iterations of `simplify` (the readable forms of reasons
    /// and `show`); enough to reach the factored forms of the shipped
    /// theorems while keeping the e-graph small.
    pub simplify_iterations: usize,
    /// Iterations of the tidying pass after `simplify`'s saturation.
    pub tidy_iterations: usize,
    /// E-nodes of one saturation. More: saturation stops and the best form
    /// found so far is used (a display or an `==` proof not found).
    pub egraph_nodes: usize,
    /// Iterations of equality saturation one claim's equality proofs may
    /// run in all (three whole proofs). Out: further proofs of the claim
    /// answer "not shown".
    pub claim_egraph_iterations: u64,
    /// Units of interval work one claim's interval searches may spend in
    /// all (four whole searches at `threshold_work`). Out: further searches
    /// of the claim answer `unknown`.
    pub claim_interval_work: u64,
    /// Per-iteration matches of the display rules in `simplify`.
    pub display_matches: usize,
    /// Per-iteration matches of the reshaping rules (distribution and
    /// fraction rules) in `simplify`; they grow the e-graph fastest.
    pub reshape_matches: usize,
    /// Largest constant folded by the e-graph's analysis, in bits of
    /// numerator or denominator. Larger: the class has no known constant
    /// (sound).
    pub egraph_fold_bits: u64,
    /// Largest end of an e-graph range, in bits of numerator or
    /// denominator. Larger: the end is dropped (made infinite), which is
    /// sound.
    pub range_bits: u64,
    /// Significant bits an e-graph range end is rounded outward to when it
    /// grows longer; keeps range arithmetic cheap.
    pub range_round_bits: i64,

    // ---- asymptotic engine -------------------------------------------------
    /// Work units (monomial products, term merges) of the power–log engine
    /// for one claim over all term budgets. Out: `unknown`.
    pub power_log_work: u64,
    /// Work units of the exp–log engine for one claim (its comparisons of
    /// symbolic exponents cost more). Out: `unknown`.
    pub explog_work: u64,
    /// Most monomials of a coefficient kept in a product. More: `unknown`.
    pub coef_terms: usize,
    /// Trial division of an integer in a coefficient stops at this divisor;
    /// a remaining cofactor becomes an opaque integer atom (sound, possibly
    /// not canonical).
    pub trial_division: u64,
    /// Largest integer exponent applied to a rational or a sum in a
    /// coefficient. Larger: the power is kept symbolic.
    pub coef_int_exponent: i64,
    /// Most monomials a sum may have before a power of it gives up.
    pub coef_pow_terms: usize,
    /// Prime atoms below this many bits always normalise in a coefficient
    /// (`Coef::ring_exact`).
    pub ring_exact_prime_bits: u64,
    /// Boxes evaluated when bisecting the parameter box for a
    /// coefficient's sign. Out: the sign is unknown (the claim is
    /// `unknown` or split into cases).
    pub coef_sign_boxes: usize,
    /// Answers kept by one memo of the engines; a full memo is emptied and
    /// refilled (a memo never changes an answer).
    pub memo_entries: usize,
    /// Sign questions kept from one run of the engine (where a case split
    /// may cut the parameter box).
    pub sign_questions: usize,

    // ---- case analysis ----------------------------------------------------
    /// Deepest nesting of case splits (one level per parameter). Deeper:
    /// the piece stays `unknown`.
    pub case_depth: usize,
    /// Most pieces decided for one claim over all levels. More: `unknown`.
    pub case_pieces: usize,
    /// Most split points of one parameter.
    pub case_points: usize,
    /// Most admissible points tried to confirm a refutation off the line.
    pub case_confirm_points: usize,

    // ---- deciding and witnesses -------------------------------------------
    /// Parameter-value combinations tried when looking for a witness of a
    /// refutation. Out: no witness, so no refutation from it.
    pub witness_tries: usize,
    /// Precision cap (bits) when separating the two sides of `==` at a
    /// point. Out: that point proves nothing.
    pub separate_bits: u32,
    /// Precision of the quick first try at separating the sides of `==`.
    pub quick_separate_bits: u32,

    // ---- threshold engine --------------------------------------------------
    /// Boxes one claim or crossover may use (all its searches together).
    /// Out: `unknown` with the interval left open.
    pub threshold_boxes: usize,
    /// Units of interval work (`exact::eval::work`) one claim's or
    /// crossover's interval searches may spend in all. Out: `unknown`.
    pub threshold_work: u64,
    /// Narrowing steps of a crossover. Out: the crossover is reported
    /// with the interval reached.
    pub narrowing_steps: usize,
    /// Precision cap (bits) when separating the sides at a point.
    pub point_bits: u32,
    /// Boxes of the point problem (only exact points are evaluated).
    pub probe_boxes: usize,
    /// Precision of the probe that rules out identical sides cheaply.
    pub identity_probe_bits: u32,
    /// Boxes of the parameter box examined for a whole-box predicate. Out:
    /// the predicate is not established (`unknown`).
    pub param_boxes: usize,
    /// Precision used to probe a point for a failure.
    pub probe_bits: u32,
    /// Largest derivative kept, in nodes; larger ones are not used.
    pub derivative_nodes: usize,
    /// Substitutions of range bounds along one chain (G <= h(H), H <= ...).
    pub substitution_hops: usize,
    /// Sign facts certified per claim while substituting bounds (each one
    /// an engine call).
    pub substitution_sign_checks: usize,
    /// Substitution steps per claim (positivity checks re-enter the
    /// substitution). Out: the substitution is abandoned.
    pub substitution_steps: usize,
    /// Most terms in one sum of the power–log tail expansion
    /// (`threshold::plp`). More: no tail certificate from it.
    pub tail_terms: usize,
    /// Counted operations of one power–log tail expansion.
    pub tail_work: usize,
    /// Largest integer power expanded by repeated multiplication in the
    /// tail expansion.
    pub tail_int_power: u32,
    /// Largest size (nodes) of a coefficient expression in the tail
    /// expansion.
    pub tail_coef_nodes: usize,
    /// Tail points tried are 2^k for k up to this.
    pub tail_log2: u64,
    /// Precision of the tail's sign computations.
    pub tail_sign_bits: u32,

    // ---- optimum -----------------------------------------------------------
    /// Most terms a product may expand to when reading an optimised body.
    pub optimum_terms: usize,
    /// Largest integer power of a sum expanded when reading an optimised
    /// body.
    pub optimum_expand_power: i64,

    // ---- hypotheses (`fn`) -------------------------------------------------
    /// Substitutions along one chain of `fn` bounds when raising a claim.
    pub raise_hops: usize,
    /// Substitutions of one `fn` by its bound along one comparison.
    pub relate_hops: usize,
    /// Terms a sum may expand to when relating bounds (products
    /// distributed over sums).
    pub relate_terms: usize,
    /// Term-against-term comparisons one comparison may make
    /// (substitutions branch).
    pub relate_steps: usize,
    /// Engine calls one claim's analysis may make. Out: `unknown`.
    pub claim_calls: usize,
    /// Engine calls the file-wide preparation (conflicts, model) may make.
    pub prepare_calls: usize,
    /// Longest chain of `fn`s whose bounds mention each other.
    pub fn_chain: usize,
    /// Raw witness candidates tried per `fn`.
    pub witness_raw: usize,
    /// Witness candidates kept per `fn` (proved to satisfy its own
    /// hypotheses).
    pub witness_kept: usize,
    /// Combinations of candidates tried for a model.
    pub model_combos: usize,
    /// Hypothesis checks of the depth-first model search that follows
    /// (for chains of `fn`s whose model lies far down the candidate
    /// lists); when it is spent, no model is claimed.
    pub model_checks: usize,
    /// Combinations of candidates tried to refute one claim.
    pub refute_combos: usize,
    /// `fn`s of a claim varied at once (the others keep the model's).
    pub varied_fns: usize,

    // ---- exact numbers -----------------------------------------------------
    /// Largest |log2| of a finite interval end; beyond it ends are clamped
    /// outward (sound).
    pub interval_magnitude: i64,
    /// Most nodes `exact::eval` evaluates in one call. More: no value.
    pub eval_nodes: usize,
    /// Boxes examined by `exact::eval::sign_over_box`. Out: no sign.
    pub eval_boxes: usize,
    /// Largest precision (bits) of an enclosure; larger requests are capped.
    pub enclosure_bits: u32,
    /// Smallest precision (bits) of an enclosure.
    pub enclosure_min_bits: u32,
    /// `exp` arguments above this have no representable upper bound (e^x
    /// would need more than 2^19 * 1.44 bits): the enclosure is unbounded.
    pub exp_argument: i64,
    /// Entries of a constant cache (further precisions are recomputed).
    pub constant_cache: usize,
    /// Entries of a memo of enclosures; a full memo is emptied.
    pub enclosure_memo: usize,
    /// Inputs larger than this (numerator plus denominator bits) are not
    /// memoised.
    pub enclosure_memo_input_bits: u64,
    /// Most terms a polynomial may grow to before an operation gives up.
    pub poly_terms: usize,
    /// Highest degree of a univariate polynomial whose roots are sought.
    pub poly_degree: usize,
    /// Largest |integer| whose divisors are enumerated for rational roots.
    pub divisor_base: i64,

    // ---- plots -------------------------------------------------------------
    /// Sample points of each plotted curve.
    pub plot_samples: usize,
    /// Precision (bits) of the enclosures behind drawn values.
    pub draw_bits: u32,
    /// A finer precision, when the first enclosure is too wide to draw.
    pub fine_draw_bits: u32,
}

/// The deepest nesting of an expression; see [`Limits::nesting`].
const NESTING: usize = 200;

/// The checker's budgets.
pub const LIMITS: Limits = Limits {
    nesting: NESTING,
    rebalance_depth: 128,
    derivative_nesting: NESTING + NESTING / 2,
    derived_nesting: 4 * NESTING,
    explog_compare_depth: NESTING,
    log_chain: NESTING,
    eval_depth: 2000,
    coef_nesting: 60,

    literal_exponent: 10_000,
    statement_nodes: 100_000,
    total_nodes: 2_000_000,
    lower_fold_bits: 40_000,

    egraph_input_nodes: 2000,
    equality_iterations: 16,
    simplify_iterations: 8,
    tidy_iterations: 2,
    egraph_nodes: 20_000,
    claim_egraph_iterations: 48,
    claim_interval_work: 16_000_000,
    display_matches: 100,
    reshape_matches: 100,
    egraph_fold_bits: 2048,
    range_bits: 4096,
    range_round_bits: 64,

    power_log_work: 250_000,
    explog_work: 400_000,
    coef_terms: 300,
    trial_division: 100_000,
    coef_int_exponent: 4096,
    coef_pow_terms: 400,
    ring_exact_prime_bits: 1 << 19,
    coef_sign_boxes: 256,
    memo_entries: 4096,
    sign_questions: 8,

    case_depth: 3,
    case_pieces: 48,
    case_points: 8,
    case_confirm_points: 8,

    witness_tries: 16,
    separate_bits: 1024,
    quick_separate_bits: 64,

    threshold_boxes: 4_000,
    threshold_work: 4_000_000,
    narrowing_steps: 5_000,
    point_bits: 1024,
    probe_boxes: 16,
    identity_probe_bits: 128,
    param_boxes: 64,
    probe_bits: 256,
    derivative_nodes: 4000,
    substitution_hops: 6,
    substitution_sign_checks: 24,
    substitution_steps: 20_000,
    tail_terms: 48,
    tail_work: 20_000,
    tail_int_power: 16,
    tail_coef_nodes: 2_000,
    tail_log2: 1 << 13,
    tail_sign_bits: 256,

    optimum_terms: 16,
    optimum_expand_power: 4,

    raise_hops: 8,
    relate_hops: 4,
    relate_terms: 32,
    relate_steps: 256,
    claim_calls: 400,
    prepare_calls: 2000,
    fn_chain: 64,
    witness_raw: 24,
    witness_kept: 12,
    model_combos: 64,
    model_checks: 200,
    refute_combos: 40,
    varied_fns: 4,

    interval_magnitude: 1 << 20,
    eval_nodes: 1_000_000,
    eval_boxes: 64,
    enclosure_bits: 4096,
    enclosure_min_bits: 8,
    exp_argument: 1 << 19,
    constant_cache: 64,
    enclosure_memo: 4096,
    enclosure_memo_input_bits: 512,
    poly_terms: 400,
    poly_degree: 24,
    divisor_base: 1_000_000_000,

    plot_samples: 200,
    draw_bits: 64,
    fine_draw_bits: 512,
};

// The documented relations between the depth limits, checked when compiling.
const _: () = assert!(LIMITS.rebalance_depth < LIMITS.nesting);
const _: () = assert!(LIMITS.derivative_nesting >= LIMITS.nesting);
const _: () = assert!(LIMITS.derived_nesting >= LIMITS.nesting);
const _: () = assert!(LIMITS.explog_compare_depth >= LIMITS.nesting);
const _: () = assert!(LIMITS.log_chain >= LIMITS.nesting);
const _: () = assert!(LIMITS.eval_depth >= LIMITS.derived_nesting);
const _: () = assert!(LIMITS.enclosure_min_bits <= LIMITS.enclosure_bits);
