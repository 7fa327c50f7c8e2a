//! E-matching of the rules' left-hand sides: the matches egg's own
//! `Pattern` search finds (egg 0.11's compiled pattern program, run class by
//! class), in the same order and cut at the same limit, for less work.
//!
//! Each left-hand side is compiled once, by a port of egg's pattern
//! compiler (same choice of the next sub-pattern to bind, same tie-break,
//! same register numbering), into `Bind`, `Compare` and `Lookup` steps; the
//! matches are therefore the same substitutions (same variables, same
//! order). What differs is how they are run:
//!
//! * every search of one iteration reads one `View` of the clean e-graph,
//!   built once per iteration: by canonical class id, the class's sorted
//!   nodes as operator codes and children, and the set of its operators
//!   (egg looks each class up in its hash map, through the union-find, and
//!   compares whole nodes, at every step of every search);
//! * the rules whose left-hand sides have the same root operator share one
//!   walk over the classes with that operator and their nodes with it
//!   (`search_all`), each rule running its remaining steps at each node;
//! * a `Lookup` (a sub-pattern all of whose variables are bound) is checked
//!   in the class the match puts it in, through the view, instead of
//!   hashing the term into egg's hash-cons: in a clean e-graph both say the
//!   same;
//! * the registers live in one buffer per search, not a fresh one per class.
//!
//! The order of the matches matters: the scheduler keeps only the first
//! `limit` of them, so a different order would grow a different e-graph.
//! `matcher_tests.rs` compares every match list, alone and shared, with
//! egg's on saturated e-graphs, at several limits.

use super::analysis::BndGraph;
use super::lang::Bnd;
use egg::{ENodeOrVar, Id, Language, PatternAst, SearchMatches, Subst, Var};
use std::borrow::Cow;

/// One step of a compiled pattern (egg's `machine::Instruction` without
/// `Scan`, which only multi-patterns use).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    /// For each node of the class in register `i` that `node` (children
    /// zeroed) matches, its children into the registers from `out` on:
    /// the nodes with the operator `op`, equal to `node` too when it is a
    /// leaf (a number).
    Bind {
        node: Bnd,
        op: u8,
        leaf: bool,
        i: usize,
        out: usize,
    },
    /// Registers `i` and `j` hold the same class.
    Compare { i: usize, j: usize },
    /// The ground term `term` (post-order, children by index) is in the
    /// class of register `i` (`represented`).
    Lookup { term: Vec<Ground>, i: usize },
}

/// A node of a ground term of a `Lookup`: an operator whose children are
/// earlier entries of the term, or a register.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Ground {
    Node(Bnd),
    Reg(usize),
}

/// A compiled left-hand side.
#[derive(Clone, Debug)]
pub struct Program {
    steps: Vec<Step>,
    /// The pattern's variables, in the order of egg's substitutions, with
    /// the register each is read from.
    vars: Vec<(Var, usize)>,
    /// The operator at the root (children zeroed), `None` for a variable.
    root: Option<Bnd>,
    /// The left-hand side itself, for the matches (proof production).
    ast: PatternAst<Bnd>,
}

/// egg's `machine::Compiler`, for one pattern without a binder.
struct Compiler<'p> {
    pattern: &'p [ENodeOrVar<Bnd>],
    /// egg's `v2r` (an insertion-ordered map).
    v2r: Vec<(Var, usize)>,
    free_vars: Vec<Vec<Var>>,
    subtree_size: Vec<usize>,
    /// egg's `todo_nodes`, an insertion-ordered map whose removal moves the
    /// last entry into the hole (`IndexMap::remove`, that is `swap_remove`).
    todo: Vec<((usize, usize), Bnd)>,
    steps: Vec<Step>,
}

impl Compiler<'_> {
    fn reg_of(&self, v: Var) -> Option<usize> {
        self.v2r.iter().find(|(w, _)| *w == v).map(|&(_, r)| r)
    }

    fn add_todo(&mut self, id: usize, reg: usize) {
        match &self.pattern[id] {
            ENodeOrVar::Var(v) => match self.reg_of(*v) {
                Some(j) => self.steps.push(Step::Compare { i: reg, j }),
                None => self.v2r.push((*v, reg)),
            },
            ENodeOrVar::ENode(node) => self.todo.push(((id, reg), node.clone())),
        }
    }

    fn load_pattern(&mut self) {
        for node in self.pattern {
            let (free, size) = match node {
                ENodeOrVar::ENode(n) => {
                    let mut free: Vec<Var> = Vec::new();
                    let mut size = 1;
                    for &child in n.children() {
                        for v in &self.free_vars[usize::from(child)] {
                            if !free.contains(v) {
                                free.push(*v);
                            }
                        }
                        size += self.subtree_size[usize::from(child)];
                    }
                    (free, size)
                }
                ENodeOrVar::Var(v) => (vec![*v], 0),
            };
            self.free_vars.push(free);
            self.subtree_size.push(size);
        }
    }

    /// egg's `next`: the todo entry of greatest key (grounded first, then
    /// more free variables, then smaller), the last one among equals
    /// (`Iterator::max_by_key`), removed by `swap_remove`.
    fn next(&mut self) -> Option<((usize, usize), Bnd)> {
        let key = |id: usize| {
            let free = &self.free_vars[id];
            let bound = free.iter().filter(|v| self.reg_of(**v).is_some()).count();
            let n_free = free.len() - bound;
            (n_free == 0, n_free, -(self.subtree_size[id] as isize))
        };
        let best = self
            .todo
            .iter()
            .enumerate()
            .max_by_key(|(_, ((id, _), _))| key(*id))
            .map(|(k, _)| k)?;
        Some(self.todo.swap_remove(best))
    }

    fn is_ground_now(&self, id: usize) -> bool {
        self.free_vars[id].iter().all(|v| self.reg_of(*v).is_some())
    }

    /// The sub-pattern at `id` as a ground term in post-order (its variables
    /// bound to registers).
    fn ground(&self, id: usize, term: &mut Vec<Ground>) -> usize {
        match &self.pattern[id] {
            ENodeOrVar::Var(v) => {
                let reg = self
                    .reg_of(*v)
                    .expect("ground term: every variable is bound");
                term.push(Ground::Reg(reg));
            }
            ENodeOrVar::ENode(node) => {
                let node = node
                    .clone()
                    .map_children(|c| Id::from(self.ground(usize::from(c), term)));
                term.push(Ground::Node(node));
            }
        }
        term.len() - 1
    }

    fn compile(mut self) -> (Vec<Step>, Vec<(Var, usize)>) {
        self.load_pattern();
        let root = self.pattern.len() - 1;
        let mut next_out = 1;
        self.add_todo(root, 0);
        while let Some(((id, reg), node)) = self.next() {
            if self.is_ground_now(id) && !node.is_leaf() {
                let mut term = Vec::new();
                self.ground(id, &mut term);
                self.steps.push(Step::Lookup { term, i: reg });
            } else {
                let out = next_out;
                next_out += node.len();
                let op = node.clone().map_children(|_| Id::from(0));
                self.steps.push(Step::Bind {
                    op: op_code(&op),
                    leaf: op.is_leaf(),
                    node: op,
                    i: reg,
                    out,
                });
                for (k, &child) in node.children().iter().enumerate() {
                    self.add_todo(usize::from(child), out + k);
                }
            }
        }
        (self.steps, self.v2r)
    }
}

impl Program {
    /// Compiles a left-hand side as egg does.
    pub fn compile(ast: &PatternAst<Bnd>) -> Program {
        let pattern: &[ENodeOrVar<Bnd>] = ast.as_ref();
        let compiler = Compiler {
            pattern,
            v2r: Vec::new(),
            free_vars: Vec::with_capacity(pattern.len()),
            subtree_size: Vec::with_capacity(pattern.len()),
            todo: Vec::new(),
            steps: Vec::new(),
        };
        let (steps, vars) = compiler.compile();
        let root = match pattern.last() {
            Some(ENodeOrVar::ENode(n)) => Some(n.clone().map_children(|_| Id::from(0))),
            _ => None,
        };
        Program {
            steps,
            vars,
            root,
            ast: ast.clone(),
        }
    }

    /// The first `limit` matches of the pattern in the e-graph `view` shows,
    /// grouped by class as egg's `Searcher::search_with_limit` groups them.
    pub fn search<'a>(&'a self, view: &View<'_>, limit: usize) -> Vec<SearchMatches<'a, Bnd>> {
        let mut out = Vec::new();
        let Some(root) = &self.root else {
            return out;
        };
        let mut left = limit;
        let mut regs: Vec<Id> = Vec::new();
        let mut found: Vec<Subst> = Vec::new();
        for eclass in view
            .egraph
            .classes_for_op(&root.discriminant())
            .into_iter()
            .flatten()
        {
            if left == 0 {
                break;
            }
            regs.clear();
            regs.push(eclass);
            self.run(view, 0, &mut regs, &mut |regs: &[Id]| {
                found.push(self.subst(regs));
                left -= 1;
                left != 0
            });
            if !found.is_empty() {
                out.push(SearchMatches {
                    eclass,
                    substs: std::mem::take(&mut found),
                    ast: Some(Cow::Borrowed(&self.ast)),
                });
            }
        }
        out
    }

    /// The substitution of a match from the registers.
    fn subst(&self, regs: &[Id]) -> Subst {
        let mut subst = Subst::with_capacity(self.vars.len());
        for &(v, r) in &self.vars {
            subst.insert(v, regs[r]);
        }
        subst
    }

    /// The operator code of the root when the program starts by binding the
    /// root's operator (not a leaf) into the registers from 1 on, as every
    /// pattern with a variable under an operator at its root does.
    fn shared_root(&self) -> Option<u8> {
        match self.steps.first()? {
            Step::Bind {
                op,
                leaf: false,
                i: 0,
                out: 1,
                ..
            } => Some(*op),
            _ => None,
        }
    }

    /// Whether an operator is at the root (every rule of the tables has one).
    pub fn has_root_operator(&self) -> bool {
        self.root.is_some()
    }

    /// Runs the steps from `pc` on; `false` when `found` asked to stop.
    fn run(
        &self,
        view: &View<'_>,
        pc: usize,
        regs: &mut Vec<Id>,
        found: &mut impl FnMut(&[Id]) -> bool,
    ) -> bool {
        let mut pc = pc;
        while let Some(step) = self.steps.get(pc) {
            match step {
                Step::Bind {
                    node,
                    op,
                    leaf,
                    i,
                    out,
                } => {
                    let arity = op_arity(*op);
                    let class = regs[*i];
                    if !view.has_op(class, *op) {
                        return true;
                    }
                    for (flat, n) in view.class(class) {
                        if flat.op != *op || (*leaf && !node.matches(n)) {
                            continue;
                        }
                        regs.truncate(*out);
                        if arity >= 1 {
                            regs.push(flat.kids[0]);
                        }
                        if arity == 2 {
                            regs.push(flat.kids[1]);
                        }
                        if !self.run(view, pc + 1, regs, found) {
                            return false;
                        }
                    }
                    return true;
                }
                Step::Compare { i, j } => {
                    if regs[*i] != regs[*j] {
                        return true;
                    }
                }
                Step::Lookup { term, i } => {
                    if !represented(view, term, term.len() - 1, regs[*i], regs) {
                        return true;
                    }
                }
            }
            pc += 1;
        }
        found(regs)
    }
}

/// `Program::search` of every program `k` whose `limits[k]` is `Some`, at
/// that limit (`None`: no search, no matches). Programs whose root operator
/// is the same share one walk over the classes with that operator and their
/// nodes with it: at each such node every program of the group not yet at
/// its limit runs its remaining steps. Each program's matches come out in
/// the order of its own search (class by class, root node by root node),
/// cut at its own limit, so the result is `search`'s for every program.
pub fn search_all<'a>(
    programs: &'a [Program],
    view: &View<'_>,
    limits: &[Option<usize>],
) -> Vec<Vec<SearchMatches<'a, Bnd>>> {
    let mut out: Vec<Vec<SearchMatches<'a, Bnd>>> = programs.iter().map(|_| Vec::new()).collect();
    // groups by root operator, in order of first appearance
    let mut groups: Vec<(u8, Vec<usize>)> = Vec::new();
    for (k, program) in programs.iter().enumerate() {
        let Some(limit) = limits[k] else { continue };
        match program.shared_root() {
            Some(op) => match groups.iter_mut().find(|(o, _)| *o == op) {
                Some((_, members)) => members.push(k),
                None => groups.push((op, vec![k])),
            },
            None => out[k] = program.search(view, limit),
        }
    }
    let mut regs: Vec<Id> = Vec::new();
    for (op, members) in groups {
        let mut left: Vec<usize> = members.iter().map(|&k| limits[k].unwrap_or(0)).collect();
        let mut found: Vec<Vec<Subst>> = members.iter().map(|_| Vec::new()).collect();
        // a shared root is an operator, with one or two children
        let arity = op_arity(op);
        debug_assert!(arity >= 1);
        let Some(root) = &programs[members[0]].root else {
            continue;
        };
        for eclass in view
            .egraph
            .classes_for_op(&root.discriminant())
            .into_iter()
            .flatten()
        {
            if left.iter().all(|&l| l == 0) {
                break;
            }
            for (flat, _) in view.class(eclass) {
                if flat.op != op {
                    continue;
                }
                for (m, &k) in members.iter().enumerate() {
                    if left[m] == 0 {
                        continue;
                    }
                    let program = &programs[k];
                    regs.clear();
                    regs.push(eclass);
                    regs.push(flat.kids[0]);
                    if arity == 2 {
                        regs.push(flat.kids[1]);
                    }
                    let (left, found) = (&mut left[m], &mut found[m]);
                    program.run(view, 1, &mut regs, &mut |regs: &[Id]| {
                        found.push(program.subst(regs));
                        *left -= 1;
                        *left != 0
                    });
                }
            }
            for (m, &k) in members.iter().enumerate() {
                if !found[m].is_empty() {
                    out[k].push(SearchMatches {
                        eclass,
                        substs: std::mem::take(&mut found[m]),
                        ast: Some(Cow::Borrowed(&programs[k].ast)),
                    });
                }
            }
        }
    }
    out
}

/// Is the ground term `term[t]` (post-order, children by index) in the
/// class `class`? That is egg's `Lookup`, the class the hash-cons gives
/// the term being `class`, read from the view instead of hashing: in a
/// clean e-graph a term is in at most one class (a canonical node is in
/// exactly one), so it is in `class` exactly when `class` has a node of
/// its operator whose children hold its sub-terms.
fn represented(view: &View<'_>, term: &[Ground], t: usize, class: Id, regs: &[Id]) -> bool {
    match &term[t] {
        Ground::Reg(r) => regs[*r] == class,
        Ground::Node(node) => {
            let op = op_code(node);
            if !view.has_op(class, op) {
                return false;
            }
            let children = node.children();
            view.class(class).any(|(flat, n)| {
                flat.op == op
                    && if children.is_empty() {
                        node.matches(n)
                    } else {
                        children
                            .iter()
                            .zip(flat.kids)
                            .all(|(c, kid)| represented(view, term, usize::from(*c), kid, regs))
                    }
            })
        }
    }
}

/// A node as the searches read it: its operator's code and its children.
#[derive(Clone, Copy, Debug)]
struct Flat {
    op: u8,
    kids: [Id; 2],
}

/// The operator of a node, as a small number (`op_arity` gives its number
/// of children).
fn op_code(n: &Bnd) -> u8 {
    match n {
        Bnd::Var => 0,
        Bnd::Pi => 1,
        Bnd::Num(_) => 2,
        Bnd::Param(_) => 3,
        Bnd::Fn(_) => 4,
        Bnd::Neg(_) => 5,
        Bnd::Sqrt(_) => 6,
        Bnd::Exp(_) => 7,
        Bnd::Log(_) => 8,
        Bnd::Abs(_) => 9,
        Bnd::Add(_) => 10,
        Bnd::Sub(_) => 11,
        Bnd::Mul(_) => 12,
        Bnd::Div(_) => 13,
        Bnd::Pow(_) => 14,
        Bnd::Min(_) => 15,
        Bnd::Max(_) => 16,
    }
}

/// The number of children of the operator with code `op`.
fn op_arity(op: u8) -> u8 {
    match op {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
}

fn flat(n: &Bnd) -> Flat {
    let mut kids = [Id::from(0); 2];
    for (k, c) in n.children().iter().enumerate() {
        kids[k] = *c;
    }
    Flat {
        op: op_code(n),
        kids,
    }
}

/// A clean e-graph as the searches of one iteration read it: every class's
/// nodes (sorted, as the rebuild left them) by canonical id, each as its
/// operator code and children beside the node itself. After a rebuild every
/// child id in a node is canonical, so a register always holds a canonical
/// id. Built once per iteration, read by every rule's search.
pub struct View<'g> {
    egraph: &'g BndGraph,
    /// By class id: the class's range in `flat` and `nodes`, and the set of
    /// its operators (bit `op_code`).
    spans: Vec<(u32, u32, u32)>,
    flat: Vec<Flat>,
    nodes: Vec<&'g Bnd>,
}

impl<'g> View<'g> {
    pub fn new(egraph: &'g BndGraph) -> View<'g> {
        debug_assert!(egraph.clean, "searching a dirty e-graph");
        let len = egraph
            .classes()
            .map(|c| usize::from(c.id) + 1)
            .max()
            .unwrap_or(0);
        let mut spans = vec![(0, 0, 0); len];
        let mut flats = Vec::with_capacity(egraph.total_size());
        let mut nodes = Vec::with_capacity(egraph.total_size());
        for class in egraph.classes() {
            let start = flats.len() as u32;
            let mut ops = 0;
            for n in &class.nodes {
                let f = flat(n);
                ops |= 1 << f.op;
                flats.push(f);
                nodes.push(n);
            }
            spans[usize::from(class.id)] = (start, flats.len() as u32, ops);
        }
        View {
            egraph,
            spans,
            flat: flats,
            nodes,
        }
    }

    /// Has class `id` a node with the operator `op`?
    fn has_op(&self, id: Id, op: u8) -> bool {
        self.spans[usize::from(id)].2 & (1 << op) != 0
    }

    /// The nodes of class `id`, flat and whole.
    fn class(&self, id: Id) -> impl Iterator<Item = (&Flat, &'g Bnd)> + '_ {
        let (start, end, _) = self.spans[usize::from(id)];
        let range = start as usize..end as usize;
        self.flat[range.clone()]
            .iter()
            .zip(self.nodes[range].iter().copied())
    }
}
