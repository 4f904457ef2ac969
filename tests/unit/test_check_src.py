#!/usr/bin/env python3
"""test_check_src.py - scripts/check-src finds what it is meant to find, on
small trees written here (and passes the real one, which make check runs on
its own)."""
import contextlib
import io
import os
import shutil
import sys
import tempfile
from importlib.machinery import SourceFileLoader

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
checker = SourceFileLoader("check_src", os.path.join(TOP, "scripts", "check-src")).load_module()
failures = 0
count = 0

GOOD_C = '/* %s - a test module. */\n#include "config.h"\n\n#include "%s"\n%s\n'
GOOD_H = '/* %s - a test header. */\n#ifndef X_%s\n#define X_%s\n%s\n#endif\n'


def tree(files, allow=""):
    top = tempfile.mkdtemp(prefix="check-src-")
    for path, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(top, path)), exist_ok=True)
        with open(os.path.join(top, path), "w") as f:
            f.write(text)
    os.makedirs(os.path.join(top, "scripts"), exist_ok=True)
    with open(os.path.join(top, "scripts", "check-src.allow"), "w") as f:
        f.write(allow)
    return top


def module(folder, name, includes="", body=""):
    return {
        "src/%s/%s.c" % (folder, name): GOOD_C % (name + ".c", name + ".h", body),
        "src/%s/%s.h" % (folder, name): GOOD_H % (name + ".h", name, name, includes),
    }


def run(files, allow=""):
    out = io.StringIO()
    top = tree(files, allow)
    try:
        with contextlib.redirect_stdout(out):
            status = checker.check(top, update=False, report=False)
    finally:
        shutil.rmtree(top)
    return status, out.getvalue()


def expect(name, files, want_status, want_text="", allow=""):
    global failures, count
    count += 1
    status, text = run(files, allow)
    ok = status == want_status and want_text in text
    print("%s %d - %s" % ("ok" if ok else "not ok", count, name))
    if not ok:
        failures += 1
        print("# status %d, output:\n# %s" % (status, text.replace("\n", "\n# ")))


def main():
    base = module("base", "low")
    expect("a clean tree passes", {**base, **module("http", "high", '#include "low.h"')}, 0)
    expect("an upward include fails",
           {**module("base", "low", '#include "high.h"'), **module("http", "high")},
           1, "base may not include http")
    expect("an allowed upward include passes",
           {**module("base", "low", '#include "high.h"'), **module("http", "high")},
           0, allow="include src/base/low.h>high.h 1\n")
    expect("an allow-list entry no longer needed fails", base, 1, "no longer needed",
           allow="include src/base/low.h>high.h 1\n")
    expect("the CLI may not include http",
           {**module("http", "high"), **module("cli", "tool", '#include "high.h"')},
           1, "cli may not include http")
    expect("an include cycle fails",
           {**module("base", "one", '#include "two.h"'), **module("base", "two", '#include "one.h"')},
           1, "include cycle")
    expect("atoi is banned", module("base", "low", body="int f(void)\n{\n\treturn atoi(\"1\");\n}"),
           1, "atoi is banned")
    expect("atoi in a comment or a string is not a call",
           module("base", "low", body="/* atoi(x) */\nconst char *s = \"atoi(\";"), 0)
    expect("a wide line fails", module("base", "low", body="int x;" + " " * 100 + "/* */"),
           1, "columns")
    files = module("base", "low")
    files["src/base/low.c"] = '/* low.c */\n#include <stdio.h>\n#include "config.h"\n'
    expect("config.h must come first", files, 1, "config.h")
    files = module("base", "low")
    files["src/base/low.c"] = '#include "config.h"\n'
    expect("a file without a header comment fails", files, 1, "comment")
    long_body = "int f(void)\n{\n" + "\tf();\n" * 130 + "\treturn 0;\n}"
    expect("a function over 120 lines fails", module("base", "low", body=long_body), 1,
           "f is 134 lines")
    expect("an allowance above what is needed fails",
           module("base", "low", body=long_body), 1, "lower it",
           allow="length src/base/low.c:f 140\n")
    branchy = "int f(int a)\n{\n" + "\tif(a)\n\t\ta++;\n" * 55 + "\treturn a;\n}"
    expect("a function over 50 decision points fails", module("base", "low", body=branchy), 1,
           "56 decision points")
    files = dict(base)
    files["src/stray.c"] = '/* stray.c */\n#include "config.h"\n'
    expect("a source outside the subsystem folders fails", files, 1, "subsystem folder")
    long_file = "\n".join("int v%d;" % i for i in range(850))
    expect("a file over 800 lines fails", module("base", "low", body=long_file), 1,
           "src/base/low.c: 854 lines (at most 800)")
    expect("a header over 800 lines fails", module("base", "low", includes=long_file), 1,
           "src/base/low.h: 854 lines (at most 800)")
    expect("a file over 800 lines in the allow-list passes",
           module("base", "low", body=long_file), 0, allow="lines src/base/low.c 854\n")
    expect("a file that grew past its allowance fails", module("base", "low", body=long_file),
           1, "854 lines (at most 800): split it along its seams (allowed 840)",
           allow="lines src/base/low.c 840\n")
    expect("a file allowance above what the file needs fails",
           module("base", "low", body=long_file), 1, "lower it",
           allow="lines src/base/low.c 900\n")
    print("1..%d" % count)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
