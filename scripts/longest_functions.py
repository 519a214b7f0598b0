#!/usr/bin/env python3
"""Lists the longest functions in src/, longest first: `python3 scripts/longest_functions.py [N]`.

Code under #[cfg(test)] is left out, and comments and string literals are not read as code, as in
the integration test tests/integration/architecture.rs, which fails on a function over 120 lines.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src"
TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|r(#*)".*?"\1|"(?:\\.|[^"\\])*"|\'(?:\\.[^\']*|[^\\\'])\'', re.S)


def blank(text):
    """The text with comments and literals replaced by spaces, line breaks kept."""
    return TOKEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def block_end(code, open_at):
    depth = 0
    for i in range(open_at, len(code)):
        if code[i] == "{":
            depth += 1
        elif code[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(code)


def without_tests(code):
    out, rest = [], code
    while "#[cfg(test)]" in rest:
        at = rest.index("#[cfg(test)]")
        out.append(rest[:at])
        item = rest[at:]
        at = body_or_end(item, 0)
        end = block_end(item, at) if at is not None and item[at] == "{" else (at + 1 if at is not None else len(item))
        out.append(re.sub(r"[^\n]", " ", item[:end]))
        rest = item[end:]
    out.append(rest)
    return "".join(out)


def body_or_end(code, at):
    """The first { or ; from `at` outside brackets (the ; of [f32; N] is neither), or None."""
    depth, prev = 0, " "
    for i in range(at, len(code)):
        c = code[i]
        if c in "([<":
            depth += 1
        elif c == ">" and prev == "-":
            pass
        elif c in ")]>":
            depth -= 1
        elif c in "{;" and depth <= 0:
            return i
        prev = c
    return None


def functions(path):
    code = without_tests(blank(path.read_text()))
    for m in re.finditer(r"(?<![A-Za-z0-9_])fn ([A-Za-z0-9_]+)", code):
        brace = body_or_end(code, m.end())
        if brace is None or code[brace] == ";":
            continue
        end = block_end(code, brace)
        yield code.count("\n", m.start(), end) + 1, code.count("\n", 0, m.start()) + 1, m.group(1)


def main():
    top = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    found = [(n, f"src/{p.relative_to(ROOT)}:{line}", name) for p in sorted(ROOT.rglob("*.rs")) for n, line, name in functions(p)]
    for n, where, name in sorted(found, key=lambda f: (-f[0], f[1]))[:top]:
        print(f"{n:5}  {where}  {name}")


if __name__ == "__main__":
    main()
