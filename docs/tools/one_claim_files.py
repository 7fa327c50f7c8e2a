#!/usr/bin/env python3
"""A folder of one-claim files from a folder of `.bnd` files, to measure bnd
on many small files (the shape of a folder of independent bounds) rather
than on a few large ones.

Usage: `python3 docs/tools/one_claim_files.py SRC DEST`. DEST (which must
not exist) receives a copy of SRC in which every file keeps its
definitions, parameters, `fn`s and `assume`s but none of its statements
`check`, `refute`, `show` and `plot`, and beside each file, for each such
statement (one line each), a file `NAME__cNNN.bnd` that is the file with that
one statement kept. Lines are blanked, not removed, so every statement keeps
its line number, and imports keep resolving (the stripped originals stay in
place as the modules others import). Example, the figures of
docs/benchmarks.md:

    python3 docs/tools/one_claim_files.py theorems /tmp/one_claim
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \\
        target/release/bnd check /tmp/one_claim 2>&1 | grep Collected
"""

import os
import re
import shutil
import sys

STATEMENT = re.compile(r"^\s*(check|refute|show|plot)\b")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: one_claim_files.py SRC DEST", file=sys.stderr)
        return 2
    src, dest = sys.argv[1], sys.argv[2]
    if os.path.exists(dest):
        print(f"{dest} exists", file=sys.stderr)
        return 2
    shutil.copytree(src, dest)
    made = 0
    for root, _dirs, files in sorted(os.walk(dest)):
        for name in sorted(files):
            if not name.endswith(".bnd"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            bare = ["" if STATEMENT.match(l) else l for l in lines]
            kept = [i for i, l in enumerate(lines) if STATEMENT.match(l)]
            for k, i in enumerate(kept):
                one = list(bare)
                one[i] = lines[i]
                out = os.path.join(root, f"{name[:-4]}__c{k:03d}.bnd")
                with open(out, "w", encoding="utf-8") as f:
                    f.write("\n".join(one))
                made += 1
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(bare))
    print(f"{made} one-claim files in {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
