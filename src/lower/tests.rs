use super::*;
use crate::diagnostic::render;

fn load(text: &str) -> Loaded {
    load_source("t.bnd", text)
}

#[test]
fn explore() {
    for src in [
        "check 2n = O(n)",
        "check 2 sqrt(n) = O(n)",
        "check 2(n+1) = O(n)",
        "check n <= n^2 evntually",
        "check sqrt(n = O(n)",
        "let a = (n + 1",
        "check a = b",
        "param a in (0, 1\nlet b = ",
        "var n\nparam delta in (0,1)\nlet a = dleta\nlet b = log(1, 2)\ncheck a = O(1)",
        "let x = 1 +\nlet y = 2 2\ncheck x <= y",
        "check \"lab\" n = O(n",
        "show crossover n <= 2 where",
        "param a > 0\nlet a = 2\nlet in = 3",
        "let f = f + 1\nlet g = h\nlet h = 1",
        "param a in (1, 0)\nlet b = log(0) + sqrt(-1) + 1/(2-2)",
        "check lim n = n\ncheck n <= 1 for m >= 2",
        "param d in (0,1)\ncheck d*n = O(n) where d = 2, x = 1, n = 3",
    ] {
        let l = load(src);
        println!("=== {src}");
        for d in &l.diagnostics {
            print!("{}", render(d, src));
        }
    }
}
