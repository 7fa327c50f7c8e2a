//! Entry points for code outside the crate that must reach one stage of the
//! pipeline on its own: the fuzz targets in `fuzz/` (parse, lower and
//! validate only, much faster than a whole check, so it reaches far more
//! inputs per second).
//! Not part of the supported API.

use crate::diagnostic::render;
use crate::validate::load_source;

/// Parses, lowers and validates `src` as a file named `name` and renders
/// every diagnostic (those of validation included), without deciding any
/// claim. Returns (number of diagnostics,
/// rendered text). Never panics, on any input.
pub fn parse_and_lower(name: &str, src: &str) -> (usize, String) {
    let loaded = load_source(name, src);
    let mut text = String::new();
    for d in &loaded.diagnostics {
        let source = loaded
            .sources
            .iter()
            .find(|(file, _)| *file == d.file)
            .map_or("", |(_, t)| t.as_str());
        text.push_str(&render(d, source));
        text.push('\n');
    }
    (loaded.diagnostics.len(), text)
}
