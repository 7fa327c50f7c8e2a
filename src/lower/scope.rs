//! Scopes: what a name is bound to (a parameter, a `fn`, a `let`, or a
//! rejected declaration), where it was defined, and what a file exports.

use crate::ir::{Constraint, Expr, Hypothesis, Rejected, Q};
use crate::syntax::ast::{Ident, Stmt, StmtKind};

use std::collections::BTreeMap;

/// Where a name was defined: file and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Origin {
    pub(super) file: String,
    pub(super) line: usize,
}

impl Origin {
    pub(super) fn describe(&self, here: &str) -> String {
        if self.file == here {
            format!("line {}", self.line)
        } else {
            format!("{}:{}", self.file, self.line)
        }
    }
}

#[derive(Clone, Debug)]
pub(super) enum DefKind {
    Param(Constraint),
    Fn,
    /// A definition; its formal arguments appear in `body` as the
    /// placeholders `placeholder(i)`.
    Let {
        arity: usize,
        body: Expr,
        depth: usize,
        size: usize,
        val: Option<Q>,
    },
    /// A declaration or definition that was rejected (an error was
    /// reported at it: a syntax or name error in its body, an empty
    /// constraint, a second definition of the name). A statement that uses
    /// it is not dropped: a claim becomes `unknown` with `why`, a definition
    /// using it is rejected in turn.
    Broken {
        arity: usize,
        why: String,
    },
}

#[derive(Clone, Debug)]
pub(super) struct Def {
    pub(super) kind: DefKind,
    pub(super) origin: Origin,
}

pub(super) type Env = BTreeMap<String, Def>;

/// A lowered file's exports.
#[derive(Debug)]
pub(super) struct Module {
    /// The variable, when the file declares one.
    pub(super) var: Option<String>,
    pub(super) env: Env,
    /// Its `assume`s, its imports' first.
    pub(super) facts: Vec<Hypothesis>,
    /// Its rejected `assume`s (errors), its imports' first.
    pub(super) rejected: Vec<Rejected>,
}

impl Module {
    /// The first definition (by name) whose body mentions the file's
    /// variable, if any.
    pub(super) fn first_use_of_var(&self) -> Option<String> {
        let def = self
            .env
            .iter()
            .find_map(|(n, d)| Module::mentions_var(&d.kind).then(|| n.clone()));
        def.or_else(|| {
            self.facts
                .iter()
                .find(|f| f.kind.exprs().into_iter().any(Module::expr_mentions_var))
                .map(|f| format!("assume {}", f.text))
        })
    }

    /// Does `e` mention the variable?
    pub(super) fn expr_mentions_var(e: &Expr) -> bool {
        let mut stack = vec![e];
        while let Some(x) = stack.pop() {
            if matches!(x, Expr::Var) {
                return true;
            }
            stack.extend(x.children());
        }
        false
    }

    /// Is `k` a definition whose body mentions the variable?
    pub(super) fn mentions_var(k: &DefKind) -> bool {
        match k {
            DefKind::Let { body, .. } => Module::expr_mentions_var(body),
            _ => false,
        }
    }
}

pub(super) fn placeholder(i: usize) -> String {
    format!("\u{0}{i}")
}

/// The arity a definition is used with.
pub(super) fn arity_of(k: &DefKind) -> usize {
    match k {
        DefKind::Let { arity, .. } | DefKind::Broken { arity, .. } => *arity,
        DefKind::Param(_) | DefKind::Fn => 0,
    }
}

/// A name defined a second time (an error already reported): from here on
/// it is rejected, so no claim is decided with a definition the author
/// replaced. (A reserved word or the variable is never in `env`.)
pub(super) fn reject_redefined(env: &mut Env, id: &Ident, line: usize, arity: usize) {
    if let Some(old) = env.get(&id.name).cloned() {
        env.insert(
            id.name.clone(),
            Def {
                kind: DefKind::Broken {
                    arity,
                    why: format!("`{}` is defined twice (again at line {line})", id.name),
                },
                origin: old.origin,
            },
        );
    }
}

pub(super) fn defined_names(s: &Stmt) -> Vec<&Ident> {
    match &s.kind {
        StmtKind::Param { names, .. } | StmtKind::Fn(names) => names.iter().collect(),
        StmtKind::Let { name, .. } => vec![name],
        _ => vec![],
    }
}

/// Two imports declare a name the same way (`param delta in (0, 1)` in
/// both, `fn G` in both, or the same definition): it is one name.
pub(super) fn same_declaration(a: &DefKind, b: &DefKind) -> bool {
    match (a, b) {
        (DefKind::Param(x), DefKind::Param(y)) => x == y,
        (DefKind::Fn, DefKind::Fn) => true,
        (
            DefKind::Let {
                arity: a1,
                body: b1,
                ..
            },
            DefKind::Let {
                arity: a2,
                body: b2,
                ..
            },
        ) => a1 == a2 && b1 == b2,
        _ => false,
    }
}

/// A definition as seen through `import ... as prefix`: its parameters and
/// `fn`s renamed `prefix.name`, so that they never clash with the
/// importer's names.
pub(super) fn qualify_def(d: &Def, prefix: &str) -> Def {
    let mut q = d.clone();
    if let DefKind::Let { body, .. } = &mut q.kind {
        *body = body.qualify(prefix);
    }
    q
}
