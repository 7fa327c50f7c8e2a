#!/usr/bin/env python3
"""The dependency graph between bnd's top-level modules, and its cycles.

A top-level module is a file `src/NAME.rs` or a directory `src/NAME/`
(declared in `src/lib.rs`). For each one this lists the other top-level
modules its non-test code names (`crate::NAME`, including the names inside
`use crate::{...}`), then checks that the graph is acyclic: it prints every
cycle found (as strongly connected components) and exits with status 1 if
there is one, 0 otherwise. Test code is left out: files named `tests.rs`,
files under a `tests/` directory, `#[cfg(test)]` items (brace-matched) and
modules that `src/lib.rs` declares only under `#[cfg(test)]`. Run it from
the repository root: `python3 docs/tools/modules.py` (`--quiet` prints only
the cycles).
"""

import os
import re
import sys

SRC = "src"


def top_modules():
    """Top-level modules declared in src/lib.rs, without test-only ones."""
    lib = open(os.path.join(SRC, "lib.rs"), encoding="utf-8").read()
    mods, test_only = [], set()
    lines = lib.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", line)
        if not m:
            continue
        prev = lines[i - 1].strip() if i > 0 else ""
        if prev == "#[cfg(test)]":
            test_only.add(m.group(1))
        else:
            mods.append(m.group(1))
    return mods, test_only


def files_of(name):
    """The source files of one top-level module, tests excluded."""
    single = os.path.join(SRC, name + ".rs")
    out = [single] if os.path.isfile(single) else []
    root = os.path.join(SRC, name)
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if x != "tests")
        for f in sorted(files):
            if f.endswith(".rs") and f != "tests.rs":
                out.append(os.path.join(d, f))
    return out


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def strip_cfg_test(text):
    """Remove every item that follows `#[cfg(test)]` (to its matching brace
    or, for `mod x;`, its semicolon)."""
    out, pos = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        if m.start() < pos:
            continue
        out.append(text[pos : m.start()])
        i = m.end()
        while i < len(text) and text[i] not in "{;":
            i += 1
        if i < len(text) and text[i] == "{":
            depth = 0
            while i < len(text):
                if text[i] == "{":
                    depth += 1
                elif text[i] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                i += 1
        pos = i + 1
    out.append(text[pos:])
    return "".join(out)


def named(text, mods):
    """Top-level modules named by `crate::NAME` or `use crate::{NAME, ...}`."""
    found = set(re.findall(r"\bcrate::(\w+)", text))
    for group in re.findall(r"\bcrate::\{([^;]*?)\};", text, flags=re.S):
        depth, item = 0, ""
        for ch in group + ",":
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            if ch == "," and depth == 0:
                head = re.match(r"\s*(\w+)", item)
                if head:
                    found.add(head.group(1))
                item = ""
            else:
                item += ch
    return found & set(mods)


def graph():
    mods, _ = top_modules()
    g = {}
    for name in mods:
        deps = set()
        for path in files_of(name):
            text = open(path, encoding="utf-8").read()
            deps |= named(strip_cfg_test(strip_comments(text)), mods)
        deps.discard(name)
        g[name] = sorted(deps)
    return g


def cycles(g):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in g.get(v, []):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def main():
    g = graph()
    if "--quiet" not in sys.argv:
        for name in sorted(g):
            print(f"{name}: {', '.join(g[name]) or '-'}")
    found = cycles(g)
    for comp in found:
        edges = [f"{a} -> {b}" for a in comp for b in g[a] if b in comp]
        print(f"cycle among {', '.join(comp)}: {'; '.join(edges)}")
    if not found:
        print("no cycles between top-level modules")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
