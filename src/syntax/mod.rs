//! The pest parser for `.bnd` files: the grammar (`grammar/bnd.pest`), the
//! spanned AST, the one Pratt table for expressions, and human names for every
//! grammar rule.
//!
//! STUB: the `syntax` branch implements this module.
