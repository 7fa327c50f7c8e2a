//! Verdicts and diagnostics -> deterministic text and JSON. Nothing here
//! decides anything; file names are printed exactly as given.
