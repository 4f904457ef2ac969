#!/usr/bin/env python3
"""Run the end-to-end tests: one private stack, every tests/e2e/test_*.py.

    tests/e2e/run.py [-k SUBSTRING] [--keep] [-v] [MODULE ...]

Prints `ok - name` / `FAIL - name: reason` / `skip - name: reason` and a
final line `N passed, N failed, N skipped`; exits 1 when anything failed.
Needs the binaries (build/src, or LINELEAD_BIN_DIR) and root or a user that
can run PostgreSQL and nginx.
"""
import argparse
import glob
import importlib
import os
import sys

sys.dont_write_bytecode = True   # no __pycache__ in the source tree
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-k", dest="pattern", help="only tests whose name contains this")
    ap.add_argument("--keep", action="store_true", help="leave the stack running afterwards")
    ap.add_argument("-v", "--verbose", action="store_true", help="tracebacks for every failure")
    ap.add_argument("modules", nargs="*", help="test modules (default: all test_*.py)")
    args = ap.parse_args()

    names = args.modules or sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(HERE, "test_*.py")))
    modules = [importlib.import_module(n[:-3] if n.endswith(".py") else n) for n in names]
    passed, failed, skipped = harness.run(modules, pattern=args.pattern, keep=args.keep,
                                          verbose=args.verbose)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
