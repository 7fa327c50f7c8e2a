//! Bad input, one table: every case is a small `.bnd` source that must end in
//! an error (exit 2) pointing at `file:line:column` — or, for a `domain_` case
//! the checker cannot refute outright, in `unknown` (exit 1) — and never in a
//! panic. All reports are snapshotted together in
//! `tests/snapshots/bad_inputs__bad_inputs.snap`, so a changed message shows
//! up in review.
//!
//! Each case is checked as `tests/bad_inputs/<name>.bnd`, so imports resolve
//! against the small files in `tests/bad_inputs/` (the path need not exist).
//! Sources that would be unreadable as literals (300 nested parentheses, a
//! 100000-digit number) use a repeat placeholder `⟦TEXT*COUNT⟧`, expanded by
//! [`expand`] before checking.

use bnd::{check_source, Format};

/// (name, source). Name prefixes group the cases: `syntax_`, `name_`,
/// `domain_`, `constraint_`, `where_`, `import_`, `var_`, `resource_`.
const CASES: &[(&str, &str)] = &[
    // ---- syntax: parentheses and labels ----
    ("syntax_missing_close_paren", "var n\ncheck sqrt(n = O(n)\n"),
    ("syntax_extra_close_paren", "var n\ncheck sqrt(n)) = O(n)\n"),
    ("syntax_missing_open_paren", "var n\ncheck n + 1) = O(n)\n"),
    ("syntax_empty_parens", "var n\ncheck () = O(n)\n"),
    (
        "syntax_unterminated_label",
        "var n\ncheck \"rate: n = O(n)\n",
    ),
    (
        "syntax_label_without_colon",
        "var n\ncheck \"rate\" n = O(n)\n",
    ),
    (
        "syntax_label_smart_quotes",
        "var n\ncheck \u{201c}rate\u{201d}: n = O(n)\n",
    ),
    // ---- syntax: numbers ----
    ("syntax_number_two_dots", "var n\ncheck 1.2.3 * n = O(n)\n"),
    (
        "syntax_number_exponent_without_digits",
        "var n\ncheck 1e * n = O(n)\n",
    ),
    ("syntax_number_leading_dot", "var n\ncheck .5 * n = O(n)\n"),
    ("syntax_number_trailing_dot", "var n\ncheck 5. * n = O(n)\n"),
    (
        "syntax_number_comma_decimal",
        "var n\ncheck 0,5 * n = O(n)\n",
    ),
    ("syntax_number_hex", "var n\ncheck 0x10 * n = O(n)\n"),
    // ---- syntax: operators ----
    ("syntax_operators_in_a_row", "var n\ncheck n + * 2 = O(n)\n"),
    ("syntax_trailing_operator", "var n\ncheck n + = O(n)\n"),
    ("syntax_leading_star", "var n\ncheck * n = O(n)\n"),
    ("syntax_power_without_exponent", "var n\ncheck n^ = O(n)\n"),
    ("syntax_double_caret", "var n\ncheck n^^2 = O(n)\n"),
    ("syntax_double_star_power", "var n\ncheck n**2 = O(n^2)\n"),
    (
        "syntax_implicit_mul_number_name",
        "var n\ncheck 2n = O(n)\n",
    ),
    (
        "syntax_implicit_mul_number_call",
        "var n\ncheck 2 sqrt(n) = O(n)\n",
    ),
    (
        "syntax_implicit_mul_number_paren",
        "var n\ncheck 2(n+1) = O(n)\n",
    ),
    (
        "syntax_implicit_mul_names",
        "var n\nparam a > 0\ncheck a n = O(n)\n",
    ),
    (
        "syntax_implicit_mul_parens",
        "var n\ncheck (n+1)(n-1) = O(n^2)\n",
    ),
    ("syntax_factorial", "var n\ncheck n! = omega(n)\n"),
    (
        "syntax_comparison_chain",
        "var n\ncheck 1 <= n <= n^2 eventually\n",
    ),
    // ---- syntax: claims ----
    ("syntax_check_without_claim", "var n\ncheck\n"),
    ("syntax_refute_without_claim", "var n\nrefute\n"),
    ("syntax_check_expression_only", "var n\ncheck n + 1\n"),
    ("syntax_check_label_only", "var n\ncheck \"rate\":\n"),
    ("syntax_lim_without_equals", "var n\ncheck lim 1/n\n"),
    ("syntax_lim_double_equals", "var n\ncheck lim 1/n == 0\n"),
    ("syntax_lim_arrow", "var n\ncheck lim 1/n -> 0\n"),
    ("syntax_lim_without_target", "var n\ncheck lim 1/n =\n"),
    ("syntax_landau_without_parens", "var n\ncheck n = O n\n"),
    ("syntax_landau_empty_parens", "var n\ncheck n = O()\n"),
    ("syntax_landau_double_equals", "var n\ncheck n == O(n)\n"),
    ("syntax_landau_unknown_symbol", "var n\ncheck n = Big(n)\n"),
    (
        "syntax_single_equals_comparison",
        "var n\ncheck n + 1 = n + 1\n",
    ),
    (
        "syntax_at_double_equals",
        "var n\ncheck n <= 2*n at n == 3\n",
    ),
    ("syntax_assignment_operator", "var n\ncheck n := n\n"),
    (
        "syntax_eventually_misspelt",
        "var n\ncheck n <= 2*n eventualy\n",
    ),
    (
        "syntax_for_without_bound",
        "var n\ncheck n <= n^2 for n >=\n",
    ),
    (
        "syntax_for_strict_bound",
        "var n\ncheck n <= n^2 for n > 1\n",
    ),
    (
        "syntax_show_crossover_without_relation",
        "var n\nshow crossover n\n",
    ),
    ("syntax_assume_without_claim", "var n\nfn G\nassume\n"),
    // ---- syntax: where ----
    (
        "syntax_where_without_assignment",
        "var n\nparam a > 0\ncheck a*n = O(n) where\n",
    ),
    (
        "syntax_where_name_only",
        "var n\nparam a > 0\ncheck a*n = O(n) where a\n",
    ),
    (
        "syntax_where_trailing_comma",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = 1,\n",
    ),
    (
        "syntax_where_double_equals",
        "var n\nparam a > 0\ncheck a*n = O(n) where a == 1\n",
    ),
    // ---- syntax: declarations ----
    // ---- inf, sup, least ----
    (
        "inf_bound_variable_shadows_a_param",
        "param lam > 0\nshow inf lam > 0: lam + 1/lam\n",
    ),
    (
        "inf_bound_variable_is_the_variable",
        "var n\nshow inf n > 0: n + 1/n\n",
    ),
    ("inf_missing_colon", "show inf lam > 0 1/lam + lam/n\n"),
    ("inf_missing_constraint", "show inf lam: 1/lam + lam/n\n"),
    (
        "inf_bound_variable_outside_its_body",
        "show (inf lam > 0: 1/lam + lam/n) + lam\n",
    ),
    (
        "inf_bound_variable_called",
        "show inf lam > 0: lam(2) + 1/lam\n",
    ),
    (
        "least_start_depends_on_the_variable",
        "show least m >= n: 1/m <= 1/n\n",
    ),
    ("least_missing_comparison", "show least m >= 1: 1/m\n"),
    (
        "least_equality_comparison",
        "show least m >= 1: 1/m == 1/n\n",
    ),
    ("syntax_constraint_missing_comma", "param a in (0 1)\n"),
    ("syntax_constraint_missing_bound", "param a > \n"),
    ("syntax_constraint_closed_at_oo", "param a in [1, oo]\n"),
    (
        "syntax_constraint_closed_at_minus_oo",
        "param a in [-oo, 1)\n",
    ),
    ("syntax_constraint_unclosed_interval", "param a in (0, 1\n"),
    ("syntax_constraint_three_ends", "param a in (0, 1, 2)\n"),
    ("syntax_constraint_equals", "param a = 1\n"),
    ("syntax_constraint_not_equal", "param a != 0\n"),
    ("syntax_param_trailing_comma", "param a, > 0\n"),
    ("syntax_let_without_equals", "var n\nlet f n\n"),
    ("syntax_let_double_equals", "var n\nlet f == n\n"),
    ("syntax_let_without_body", "var n\nlet f =\n"),
    ("syntax_let_empty_formals", "var n\nlet f() = n\n"),
    ("syntax_let_number_formal", "var n\nlet f(1) = n\n"),
    ("syntax_import_without_quotes", "import defines_rate.bnd\n"),
    ("syntax_var_without_name", "var\n"),
    ("syntax_var_two_names", "var n, m\n"),
    // ---- syntax: keywords ----
    ("syntax_unknown_keyword", "var n\nprove n = O(n)\n"),
    ("syntax_misspelt_check", "var n\nchek n = O(n)\n"),
    ("syntax_misspelt_param", "parm a > 0\n"),
    ("syntax_misspelt_let", "var n\nlett f = n\n"),
    ("syntax_capitalised_keyword", "var n\nCheck n = O(n)\n"),
    ("syntax_statement_without_keyword", "var n\nn = O(n)\n"),
    // ---- syntax: stray characters and Unicode ----
    ("syntax_stray_dollar", "var n\ncheck $n = O(n)\n"),
    ("syntax_stray_at", "var n\ncheck n @ 2 = O(n)\n"),
    ("syntax_stray_semicolon", "var n\ncheck n = O(n);\n"),
    ("syntax_stray_backslash", "var n\ncheck \\sqrt{n} = O(n)\n"),
    (
        "syntax_tabs_before_error",
        "var n\n\tcheck\tn\t=\tO(n)\t)\n",
    ),
    ("syntax_unicode_minus", "var n\ncheck n \u{2212} 1 = O(n)\n"),
    ("syntax_unicode_times", "var n\ncheck 2 \u{d7} n = O(n)\n"),
    (
        "syntax_unicode_superscript",
        "var n\ncheck n\u{b2} = O(n^2)\n",
    ),
    (
        "syntax_unicode_fullwidth_paren",
        "var n\ncheck sqrt\u{ff08}n\u{ff09} = O(n)\n",
    ),
    ("syntax_zero_width_space", "var n\ncheck n\u{200b} = O(n)\n"),
    ("syntax_no_break_space", "var n\ncheck n\u{a0}= O(n)\n"),
    (
        "syntax_unicode_sqrt_sign",
        "var n\ncheck \u{221a}n = O(n)\n",
    ),
    ("syntax_emoji", "var n\ncheck n = O(\u{1f600})\n"),
    (
        "syntax_combining_accent_after_error",
        "var n\ncheck e\u{301}\u{301} + $ = O(n)\n",
    ),
    ("syntax_nul_byte", "var n\ncheck n\u{0} = O(n)\n"),
    // ---- names ----
    (
        "name_misspelt_param",
        "var n\nparam delta in (0, 1)\ncheck log(1/dleta)*n = O(n)\n",
    ),
    (
        "name_misspelt_let",
        "var n\nlet rate = 1/sqrt(n)\ncheck rtae = O(1)\n",
    ),
    ("name_misspelt_builtin", "var n\ncheck sqr(n) = O(n)\n"),
    ("name_misspelt_variable", "var n\ncheck m = O(n)\n"),
    ("name_default_variable_misspelt", "check N = O(n)\n"),
    ("name_unknown_function", "var n\ncheck foo(n) = O(n)\n"),
    ("name_reserved_keyword_as_let", "var n\nlet check = n\n"),
    ("name_reserved_keyword_as_param", "param where > 0\n"),
    ("name_reserved_keyword_as_var", "var lim\n"),
    ("name_reserved_keyword_as_fn", "fn crossover\n"),
    (
        "name_reserved_keyword_as_formal",
        "var n\nlet f(eventually) = eventually\n",
    ),
    ("name_reserved_landau_as_let", "var n\nlet O = n\n"),
    ("name_reserved_landau_as_param", "param omega > 0\n"),
    (
        "name_reserved_landau_unicode_as_param",
        "param \u{398} > 0\n",
    ),
    ("name_reserved_oo_as_param", "param oo > 0\n"),
    ("name_reserved_pi_as_let", "let pi = 3\n"),
    ("name_reserved_pi_unicode_as_var", "var \u{3c0}\n"),
    ("name_builtin_sqrt_as_let", "let sqrt = 2\n"),
    ("name_builtin_log_as_param", "param log > 0\n"),
    ("name_builtin_exp_as_var", "var exp\n"),
    ("name_builtin_min_as_formal", "var n\nlet f(min) = min\n"),
    ("name_builtin_abs_as_fn", "fn abs\n"),
    ("name_builtin_ln_as_let_function", "var n\nlet ln(x) = x\n"),
    ("name_duplicate_param", "param a > 0\nparam a < 1\n"),
    ("name_duplicate_in_one_param", "param a, a > 0\n"),
    ("name_duplicate_let", "var n\nlet r = n\nlet r = n^2\n"),
    ("name_let_redefines_param", "param a > 0\nlet a = 1\n"),
    ("name_let_redefines_variable", "var n\nlet n = 2\n"),
    ("name_fn_redefines_let", "var n\nlet G = n\nfn G\n"),
    ("name_duplicate_formals", "var n\nlet f(x, x) = x\n"),
    (
        "name_use_before_definition",
        "var n\nlet a = b\nlet b = n\n",
    ),
    (
        "name_recursion_direct",
        "var n\nlet f(m) = f(m - 1)\ncheck f(n) = O(n)\n",
    ),
    ("name_recursion_constant", "var n\nlet a = a + 1\n"),
    (
        "name_recursion_mutual",
        "var n\nlet f(m) = g(m)\nlet g(m) = f(m)\ncheck f(n) = O(n)\n",
    ),
    (
        "name_builtin_arity_sqrt_two",
        "var n\ncheck sqrt(n, 2) = O(n)\n",
    ),
    ("name_builtin_arity_log_none", "var n\ncheck log() = O(n)\n"),
    (
        "name_builtin_arity_exp_two",
        "var n\ncheck exp(n, 1) = O(n)\n",
    ),
    (
        "name_builtin_arity_abs_two",
        "var n\ncheck abs(n, 1) = O(n)\n",
    ),
    ("name_builtin_arity_max_none", "var n\ncheck max() = O(n)\n"),
    (
        "name_let_arity_too_many",
        "var n\nlet f(x) = x\ncheck f(n, 1) = O(n)\n",
    ),
    (
        "name_let_arity_too_few",
        "var n\nlet f(x, y) = x*y\ncheck f(n) = O(n)\n",
    ),
    (
        "name_let_constant_called",
        "var n\nlet c = 2\ncheck c(n) = O(n)\n",
    ),
    (
        "name_let_function_not_called",
        "var n\nlet f(x) = x\ncheck f = O(n)\n",
    ),
    (
        "name_fn_with_constant_argument",
        "var n\nfn G\ncheck G(2) = O(n)\n",
    ),
    (
        "name_fn_with_two_arguments",
        "var n\nfn G\ncheck G(n, 2) = O(n)\n",
    ),
    (
        "name_param_called",
        "var n\nparam a > 0\ncheck a(n) = O(n)\n",
    ),
    ("name_variable_called", "var n\ncheck n(2) = O(n)\n"),
    ("name_builtin_not_called", "var n\ncheck sqrt * n = O(n)\n"),
    (
        "name_formal_used_outside",
        "var n\nlet f(x) = x\ncheck x = O(n)\n",
    ),
    // ---- domains ----
    ("domain_log_zero", "var n\ncheck log(0) * n = O(n)\n"),
    (
        "domain_log_negative_constant",
        "var n\ncheck log(-2) * n = O(n)\n",
    ),
    (
        "domain_sqrt_negative_constant",
        "var n\ncheck sqrt(-1) * n = O(n)\n",
    ),
    ("domain_division_by_zero", "var n\ncheck 1/0 * n = O(n)\n"),
    (
        "domain_log_negative_variable",
        "var n\ncheck log(-n) = O(n)\n",
    ),
    (
        "domain_sqrt_one_minus_n",
        "var n\ncheck sqrt(1 - n) = O(n)\n",
    ),
    (
        "domain_zero_to_minus_one",
        "var n\ncheck 0^(-1) * n = O(n)\n",
    ),
    (
        "domain_division_by_n_minus_n",
        "var n\ncheck 1/(n - n) = O(n)\n",
    ),
    ("domain_log2_zero", "var n\ncheck log2(0) * n = O(n)\n"),
    (
        "domain_log10_negative",
        "var n\ncheck log10(-10) * n = O(n)\n",
    ),
    (
        "domain_log_inside_let",
        "var n\nlet bad = log(1 - n)\ncheck bad = O(n)\n",
    ),
    (
        "domain_log_of_param_minus_n",
        "var n\nparam a > 0\ncheck log(a - n) = O(n)\n",
    ),
    (
        "domain_sqrt_of_n_minus_n_squared_nested",
        "var n\ncheck n + exp(sqrt(n - n^2)) = O(n)\n",
    ),
    (
        "domain_division_by_log_difference",
        "var n\ncheck 1/(log(2*n) - log(n) - log(2)) = O(1)\n",
    ),
    (
        "domain_log_of_unknown_sign_stays_a_claim",
        "var n\nparam a\ncheck log(a*n) = O(n)\n",
    ),
    (
        "syntax_number_exponent_sign_without_digits",
        "var n\ncheck 1e+ * n = O(n)\n",
    ),
    (
        "domain_sqrt_negative_param",
        "var n\nparam a < 0\ncheck sqrt(a) * n = O(n)\n",
    ),
    (
        "domain_log_zero_in_lim_target",
        "var n\ncheck lim 1/n = log(0)\n",
    ),
    // ---- constraints ----
    ("constraint_empty_open", "param a in (1, 0)\n"),
    ("constraint_empty_half_open", "param a in [1, 1)\n"),
    ("constraint_empty_open_point", "param a in (1, 1)\n"),
    ("constraint_reversed_closed", "param a in [2, 1]\n"),
    ("constraint_above_oo", "param a > oo\n"),
    ("constraint_below_minus_oo", "param a < -oo\n"),
    ("constraint_endpoint_with_variable", "var n\nparam a < n\n"),
    ("constraint_endpoint_irrational", "param a < sqrt(2)\n"),
    (
        "constraint_endpoint_other_param",
        "param b > 0\nparam a < b\n",
    ),
    ("constraint_endpoint_unknown_name", "param a > zero\n"),
    // ---- where ----
    (
        "where_value_above_interval",
        "var n\nparam delta in (0, 1)\ncheck delta*n = O(n) where delta = 2\n",
    ),
    (
        "where_value_at_open_end",
        "var n\nparam delta in (0, 1)\ncheck delta*n = O(n) where delta = 0\n",
    ),
    (
        "where_value_below_bound",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = -1\n",
    ),
    (
        "where_on_let",
        "var n\nparam a > 0\nlet f = a*n\ncheck f = O(n) where f = 1\n",
    ),
    (
        "where_on_variable",
        "var n\nparam a > 0\ncheck a*n = O(n) where n = 3\n",
    ),
    (
        "where_on_unknown_name",
        "var n\nparam a > 0\ncheck a*n = O(n) where b = 1\n",
    ),
    (
        "where_value_irrational",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = sqrt(2)\n",
    ),
    (
        "where_value_log",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = log(2)\n",
    ),
    (
        "where_value_unknown_name",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = b\n",
    ),
    (
        "where_assigned_twice",
        "var n\nparam a > 0\ncheck a*n = O(n) where a = 1, a = 2\n",
    ),
    // ---- imports ----
    (
        "import_missing_file",
        "var n\nimport \"does_not_exist.bnd\"\ncheck n = O(n)\n",
    ),
    (
        "import_cycle",
        "var n\nimport \"cycle_a.bnd\"\ncheck from_a = O(n)\n",
    ),
    (
        "import_self",
        "var n\nimport \"self_import.bnd\"\ncheck me = O(n)\n",
    ),
    (
        "import_duplicate_name",
        "var n\nimport \"defines_rate.bnd\"\nlet rate = 1/n\ncheck rate = O(1)\n",
    ),
    (
        "import_duplicate_param",
        "var n\nimport \"defines_param.bnd\"\nparam a < 1\ncheck a*n = O(n)\n",
    ),
    (
        "import_file_with_syntax_error",
        "var n\nimport \"broken_lib.bnd\"\ncheck broken = O(n)\n",
    ),
    ("import_empty_path", "var n\nimport \"\"\ncheck n = O(n)\n"),
    (
        "import_directory",
        "var n\nimport \"../no_panic\"\ncheck n = O(n)\n",
    ),
    // ---- the variable ----
    ("var_declared_twice", "var n\nvar n\n"),
    ("var_two_different", "var n\nvar m\n"),
    (
        "var_for_wrong_variable",
        "var n\ncheck n <= n^2 for m >= 1\n",
    ),
    ("var_at_wrong_variable", "var n\ncheck n <= n^2 at m = 3\n"),
    (
        "var_lim_target_mentions_variable",
        "var n\ncheck lim 1/n = n\n",
    ),
    ("var_param_named_like_variable", "var n\nparam n > 0\n"),
    ("var_fn_named_like_variable", "var n\nfn n\n"),
    (
        "var_for_bound_mentions_variable",
        "var n\ncheck n <= n^2 for n >= n\n",
    ),
    (
        "var_param_named_like_default_variable",
        "param n > 0\ncheck n = O(1)\n",
    ),
    // ---- a variable tending to 0 ----
    ("var_tends_to_one", "var eps -> 1\ncheck eps = O(1)\n"),
    ("var_tends_to_minus_infinity", "var eps -> -oo\n"),
    ("var_tends_to_an_expression", "var eps -> 1/2 + 1/2\n"),
    ("var_eps_declared_twice", "var eps -> 0\nvar eps\n"),
    (
        "var_eps_for_upward",
        "var eps -> 0\ncheck eps <= 1 for eps >= 1/2\n",
    ),
    ("var_n_for_downward", "var n\ncheck n <= n^2 for n <= 1\n"),
    (
        "var_eps_at_zero",
        "var eps -> 0\ncheck eps <= 1 at eps = 0\n",
    ),
    (
        "var_eps_threshold_negative",
        "var eps -> 0\ncheck eps <= 1 for eps <= -1/2\n",
    ),
    (
        "var_eps_threshold_parameter",
        "var eps -> 0\nparam a > 0\ncheck eps <= 1 for eps <= a\n",
    ),
    (
        "var_eps_show_at_zero",
        "var eps -> 0\nshow eps at eps = 0\n",
    ),
    (
        "var_eps_plot_from_zero",
        "var eps -> 0\nplot eps for eps in [0, 1] linear\n",
    ),
    ("var_eps_without_range", "var eps -> 0\ncheck eps <= 1\n"),
    (
        "var_eps_import_mismatch",
        "var eps\nimport \"eps_var.bnd\"\ncheck eps = O(1)\n",
    ),
    (
        "var_eps_import_in_n",
        "var eps -> 0\nimport \"defines_rate.bnd\"\ncheck rate = o(1)\ncheck eps = o(1)\n",
    ),
    (
        "var_n_import_in_eps",
        "var n\nimport \"eps_var.bnd\"\ncheck small = o(1)\n",
    ),
    (
        "var_eps_equality_with_for",
        "var eps -> 0\ncheck eps^2 == 1 for eps <= 1\n",
    ),
    (
        "var_eps_log_of_negative",
        "var eps -> 0\ncheck log(-1/eps) = O(1)\n",
    ),
    // ---- resources ----
    (
        "resource_nesting_300_parens",
        "var n\ncheck ⟦(*300⟧n⟦)*300⟧ = O(n)\n",
    ),
    (
        "resource_nesting_300_sqrt",
        "var n\ncheck ⟦sqrt(*300⟧n⟦)*300⟧ = O(n)\n",
    ),
    (
        "resource_nesting_300_unclosed",
        "var n\ncheck ⟦(*300⟧n = O(n)\n",
    ),
    (
        "resource_number_100000_digits_then_error",
        "var n\ncheck ⟦9*100000⟧n = O(n)\n",
    ),
    (
        "resource_number_100000_digits_log_negative",
        "var n\ncheck log(-⟦9*100000⟧) * n = O(n)\n",
    ),
    (
        "resource_exponent_1e100000",
        "var n\ncheck 1e100000 * n = O(1)\n",
    ),
    (
        "resource_exponent_1e100000_error_after",
        "var n\ncheck 1e100000 * n = O(1) $\n",
    ),
];

/// Expands every `⟦TEXT*COUNT⟧` in `src` into TEXT repeated COUNT times.
fn expand(src: &str) -> String {
    let mut out = String::new();
    let mut rest = src;
    while let Some(start) = rest.find('⟦') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '⟦'.len_utf8()..];
        let end = after.find('⟧').expect("unclosed placeholder in the table");
        let (text, count) = after[..end]
            .rsplit_once('*')
            .expect("placeholder without `*COUNT`");
        let count: usize = count.parse().expect("placeholder count");
        out.push_str(&text.repeat(count));
        rest = &after[end + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// `text` with control characters other than newline and tab written as
/// `\u{..}`, so that the snapshot stays a text file.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether `report` contains `file:LINE:COLUMN` with LINE and COLUMN numbers.
fn has_location(report: &str, file: &str) -> bool {
    let needle = format!("{file}:");
    report.match_indices(&needle).any(|(at, _)| {
        let tail = &report[at + needle.len()..];
        let line_digits = tail.chars().take_while(char::is_ascii_digit).count();
        let tail = &tail[line_digits..];
        line_digits > 0
            && tail.starts_with(':')
            && tail[1..].starts_with(|c: char| c.is_ascii_digit())
    })
}

#[test]
fn case_names_are_distinct_and_sources_too() {
    let mut names = std::collections::BTreeSet::new();
    let mut sources = std::collections::BTreeSet::new();
    for (name, src) in CASES {
        assert!(names.insert(*name), "duplicate case name {name}");
        assert!(sources.insert(*src), "duplicate source in case {name}");
    }
    assert!(CASES.len() >= 100, "only {} cases", CASES.len());
}

/// Checks every case once: (name, file name, expanded source, report, exit code).
fn run_all() -> Vec<(&'static str, String, String, String, u8)> {
    CASES
        .iter()
        .map(|(name, src)| {
            let file = format!("tests/bad_inputs/{name}.bnd");
            let source = expand(src);
            let (report, code) = check_source(&file, &source, Format::Text);
            (*name, file, source, report, code)
        })
        .collect()
}

#[test]
fn every_bad_input_is_an_error_with_a_location_and_no_panic() {
    let mut problems = Vec::new();
    for (name, file, _, report, code) in run_all() {
        let allowed = code == 2 || (code == 1 && name.starts_with("domain_"));
        if !allowed {
            problems.push(format!("{name}: exit {code}, expected 2"));
        }
        if !has_location(&report, &file) {
            problems.push(format!("{name}: no {file}:line:column in the report"));
        }
        if report.contains("panicked") {
            problems.push(format!("{name}: the report mentions a panic"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn bad_input_reports_snapshot() {
    let mut joined = String::new();
    for ((name, file, source, report, code), (_, src)) in run_all().into_iter().zip(CASES) {
        let _ = file;
        // Keep the snapshot readable: the expanded resource sources are long.
        let shown = if source.len() > 400 {
            format!(
                "{}… ({} bytes expanded)\n",
                src.lines().nth(1).unwrap_or(""),
                source.len()
            )
        } else {
            source
        };
        let clipped = if report.len() > 4000 {
            let mut cut = 4000;
            while !report.is_char_boundary(cut) {
                cut -= 1;
            }
            format!("{}… ({} bytes)\n", &report[..cut], report.len())
        } else {
            report
        };
        joined.push_str(&format!(
            "==== {name} (exit {code})\n---- source\n{}---- report\n{}\n",
            visible(&shown),
            visible(&clipped)
        ));
    }
    insta::assert_snapshot!("bad_inputs", joined);
}
