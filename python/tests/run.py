"""Runs the package's pytest suites for ctest (python.pytest).

Exit 77 (ctest: skipped) with a message when pytest or the built package
cannot be imported; each suite skips by itself when pandas, Dask or
Chromium is missing.

The __main__ guard matters: Dask's LocalCluster starts its workers with
multiprocessing's spawn, which imports this module again in each worker.
"""
import os
import sys


def main() -> int:
    try:
        import pytest
    except ImportError:
        print("SKIPPED: pytest is not installed for", sys.executable, "(Debian: python3-pytest)")
        return 77
    try:
        import x12  # noqa: F401
    except ImportError as e:
        print("SKIPPED: the x12 package cannot be imported:", e)
        return 77
    here = os.path.dirname(os.path.abspath(__file__))
    args = sys.argv[1:] or [here]
    return pytest.main(["-q", "-rs", "-p", "no:cacheprovider", *args])


if __name__ == "__main__":
    sys.exit(main())
