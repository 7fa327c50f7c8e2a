#!/usr/bin/env python3
"""Check (or refresh) the example outputs in the documentation.

Every ```console block whose first line is `$ bnd ...` is run with the
binary and compared with the rest of the block. For `$ bnd check F.bnd`,
the file is the last ```bnd block before it, unless blocks name files:
a ```bnd block starting with `# file: NAME` creates NAME, one starting
with `# continuing NAME` appends to it. Commands with a pipe are skipped.

    python3 docs/tools/examples.py README.md docs/*.md           # check
    python3 docs/tools/examples.py --fill README.md docs/*.md    # rewrite the outputs

The binary is $BND, or target/release/bnd.
"""
import os, re, shlex, shutil, subprocess, sys, tempfile

BND = os.path.abspath(os.environ.get('BND', 'target/release/bnd'))
BLOCK = re.compile(r'```(\w*)\n(.*?)```', re.S)


def run_doc(path, fill):
    text = open(path).read()
    work = tempfile.mkdtemp(prefix='bnd-doc-')
    last, out, pos, bad = None, [], 0, 0
    try:
        for m in BLOCK.finditer(text):
            lang, body = m.group(1), m.group(2)
            if lang == 'bnd':
                last = body
                named = re.match(r'# (file:|continuing) (\S+)\n', body)
                if named:
                    target = os.path.join(work, named.group(2))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, 'w' if named.group(1) == 'file:' else 'a') as f:
                        f.write(body)
                continue
            if lang != 'console' or not body.startswith('$ bnd'):
                continue
            cmd = body.split('\n', 1)[0][2:]
            if '|' in cmd:
                continue
            args = shlex.split(cmd)[1:]
            if args and args[0] == 'check' and last is not None \
                    and not re.match(r'# (file:|continuing) ', last):
                for name in (a for a in args if a.endswith('.bnd')):
                    target = os.path.join(work, name)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    open(target, 'w').write(last)
            r = subprocess.run([BND] + args, cwd=work, capture_output=True, text=True)
            real = r.stdout + r.stderr
            expected = body.split('\n', 1)[1] if '\n' in body else ''
            line = text.count('\n', 0, m.start()) + 1
            if real != expected:
                bad += 1
                if not fill:
                    print(f'{path}:{line}: output differs for `{cmd}`:\n{real}')
            out.append(text[pos:m.start()] + '```console\n$ ' + cmd + '\n' + real + '```')
            pos = m.end()
        out.append(text[pos:])
        if fill and bad:
            open(path, 'w').write(''.join(out))
            print(f'{path}: {bad} outputs rewritten')
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return bad


def main():
    args = sys.argv[1:]
    fill = '--fill' in args
    paths = [a for a in args if a != '--fill']
    bad = sum(run_doc(p, fill) for p in paths)
    if not fill:
        print(f'{bad} example outputs differ' if bad else 'every example output matches')
    sys.exit(1 if bad and not fill else 0)


if __name__ == '__main__':
    main()
