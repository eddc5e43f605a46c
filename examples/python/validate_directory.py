#!/usr/bin/python3
"""Validates every X12 file of a directory on a Dask cluster and prints one
line per file (findings, errors, warnings), then the findings as a table.

  PYTHONPATH=build/release/python /usr/bin/python3 examples/python/validate_directory.py DIR
  ... validate_directory.py DIR --scheduler tcp://scheduler-host:8786   # a real cluster

Without --scheduler it starts a distributed.LocalCluster with two workers.
Files larger than --chunk-mb are cut into parts (at interchanges, or between
the transaction sets of one interchange) found by byte ranges on the workers. Exit status: 0 no errors, 1 errors found.
"""
import argparse
import os
import sys

import distributed

import x12
import x12.dask


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("directory")
    p.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:8786)")
    p.add_argument("--workers", type=int, default=2, help="workers of the LocalCluster (default 2)")
    p.add_argument("--chunk-mb", type=int, default=64)
    a = p.parse_args()
    paths = sorted(
        os.path.join(d, f) for d, _s, files in os.walk(a.directory) for f in files if not f.endswith((".md", ".json"))
    )
    if a.scheduler:
        client = distributed.Client(a.scheduler)
    else:
        client = distributed.Client(distributed.LocalCluster(n_workers=a.workers, threads_per_worker=1,
                                                             dashboard_address=None))
    with client:
        reports = x12.dask.validate(paths, client, chunk_bytes=a.chunk_mb << 20)
    errors = 0
    for path, r in zip(paths, reports):
        print(f"{path}: {len(r.findings)} findings, {r['errors']} errors, {r['warnings']} warnings"
              + (" (reading stopped)" if "stop" in r else ""))
        errors += r["errors"] + (1 if "stop" in r else 0)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
