#!/usr/bin/python3
"""Benchmarks of the Python package (issue 19, deliverable 5).

1. ``x12.validate(path)`` against ``x12 validate PATH --format json`` on a
   generated 837P of about 100 MB (target: Python within 10% of the CLI),
   and on a 20 MB one whose every service date is invalid (about 19,000
   findings kept, 2,000 per set: what the report's crossing into Python
   costs).
2. ``x12.dask.validate(path, client)`` on a generated 837P of about 1 GB in
   ONE interchange (so the parts are cut inside it), on a
   ``distributed.LocalCluster`` of 1 and then 2 single-threaded worker
   processes (target: 2 workers at least 1.7 times as fast as 1).

Wall time and CPU time are both reported, with the load average before and
after each measurement: on a shared machine the wall clock measures the
other tenants as much as this code. CPU time of the CLI and of the Dask
workers is taken from the kernel (wait4 rusage; each worker's own
getrusage), CPU time of x12.validate from time.process_time() (all threads
of the process). Every Dask report is compared with the CLI's JSON byte for
byte, so a fast wrong answer cannot pass.

Inputs come from the project's seeded generator (tests/generator, x12_gen)
and are cached under build/ (never committed):

    PYTHONPATH=build/release/python /usr/bin/python3 bench/python_bench.py
    SMALL=20M LARGE=256M RUNS=3 /usr/bin/python3 bench/python_bench.py   # scaled down

Environment: BUILD_DIR (build/release), DATA_DIR (build/bench-py), SMALL
(100M), LARGE (1G), RUNS (3: runs of each side of comparison 1, alternating;
comparison 2 runs once per cluster size), CHUNK (64M: Dask part size),
FINDINGS (20M: size of
the file whose every service date is wrong), SKIP (comma list of "validate",
"findings", "dask"). Results are printed as a table and
written to DATA_DIR/python_bench.json.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.abspath(os.environ.get("BUILD_DIR", os.path.join(ROOT, "build", "release")))
DATA = os.path.abspath(os.environ.get("DATA_DIR", os.path.join(ROOT, "build", "bench-py")))
sys.path.insert(0, os.path.join(BUILD, "python"))

import x12  # noqa: E402

TOOL = os.path.join(BUILD, "examples", "x12")
GEN = os.path.join(BUILD, "tests", "generator", "x12_gen")


def size_of(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    return int(text[:-1]) * units[text[-1]] if text[-1] in units else int(text)


def load() -> str:
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def generate(name: str, size: str, *extra: str) -> str:
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        t = time.perf_counter()
        subprocess.run([GEN, "--kind", "837p", "--size", size, "--seed", "1", "--newline", "lf", *extra, "-o",
                        path + ".part"], check=True)
        os.replace(path + ".part", path)
        print(f"generated {path} ({os.path.getsize(path):,} bytes) in {time.perf_counter() - t:.1f} s", flush=True)
    return path


def with_findings(path: str, size: str) -> str:
    """The generated file of `size` with every service date's month made 13
    (DTP*472): a report of many findings (2,000 kept per set), the case
    where the report's crossing into Python costs most."""
    out = os.path.join(DATA, f"837p-{size}-bad-dates.x12")
    if not os.path.exists(out):
        import re

        with open(path, "rb") as f:
            data = f.read()
        with open(out + ".part", "wb") as f:
            f.write(re.sub(rb"(DTP\*472\*D8\*\d{4})\d\d", rb"\g<1>13", data))
        os.replace(out + ".part", out)
    return out


def run_cli(path: str):
    """x12 validate PATH --format json: (wall s, cpu s, stdout bytes)."""
    t = time.perf_counter()
    p = subprocess.Popen([TOOL, "validate", path, "--format", "json"], stdout=subprocess.PIPE)
    out = p.stdout.read()
    _pid, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode not in (0, 1):
        raise SystemExit(f"x12 validate {path} exited {p.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, out


def run_python(path: str):
    """x12.validate(path), in this process: (wall s, cpu s, report as the CLI prints it)."""
    c, t = time.process_time(), time.perf_counter()
    report = x12.validate(path)
    wall, cpu = time.perf_counter() - t, time.process_time() - c
    text = json.dumps(dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return wall, cpu, text.encode()


def bench_validate(path: str, runs: int):
    rows = {"cli": [], "python": []}
    reference = None
    for i in range(runs):
        for side, fn in (("cli", run_cli), ("python", run_python)) if i % 2 == 0 else (("python", run_python),
                                                                                        ("cli", run_cli)):
            before = load()
            wall, cpu, out = fn(path)
            digest = hashlib.md5(out).hexdigest()
            reference = reference or digest
            rows[side].append({"wall": wall, "cpu": cpu, "load_before": before, "load_after": load(),
                               "same_as_cli": digest == reference})
            print(f"  {side:6} run {i + 1}: wall {wall:7.2f} s  cpu {cpu:7.2f} s  load {before} -> {load()}",
                  flush=True)
    out = {}
    for side, r in rows.items():
        out[side] = {"wall_median": statistics.median(x["wall"] for x in r),
                     "cpu_median": statistics.median(x["cpu"] for x in r), "runs": r}
    out["python_over_cli_cpu"] = out["python"]["cpu_median"] / out["cli"]["cpu_median"]
    out["python_over_cli_wall"] = out["python"]["wall_median"] / out["cli"]["wall_median"]
    return out


def worker_cpu() -> float:
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def bench_dask(path: str, chunk: int, cli_out: bytes):
    import distributed

    import x12.dask

    out = {}
    for workers in (1, 2):
        cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
        try:
            client.run(lambda: __import__("x12.dask"))  # imports out of the timing
            start = client.run(worker_cpu)
            before, c, t = load(), time.process_time(), time.perf_counter()
            [report] = x12.dask.validate(path, client, chunk_bytes=chunk)
            wall, client_cpu = time.perf_counter() - t, time.process_time() - c
            end = client.run(worker_cpu)
            cpu = sum(end[w] - start[w] for w in end)
            parts = len(x12.dask._parts(client, path, chunk))
        finally:
            client.close()
            cluster.close()
        text = (json.dumps(dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
        out[workers] = {"wall": wall, "workers_cpu": cpu, "client_cpu": client_cpu, "parts": parts,
                        "load_before": before, "load_after": load(), "same_as_cli": text == cli_out}
        print(f"  dask {workers} worker(s): wall {wall:7.2f} s  workers cpu {cpu:7.2f} s  client cpu "
              f"{client_cpu:5.2f} s  parts {parts}  same as CLI {text == cli_out}  load {before} -> {load()}",
              flush=True)
    out["speedup_wall"] = out[1]["wall"] / out[2]["wall"]
    return out


def main() -> int:
    for t in (TOOL, GEN):
        if not os.path.exists(t):
            print(f"python_bench: {t} is missing (build x12_cli, x12_gen and x12_python)", file=sys.stderr)
            return 2
    skip = set(filter(None, os.environ.get("SKIP", "").split(",")))
    runs = int(os.environ.get("RUNS", "3"))
    results = {"nproc": os.cpu_count(), "load_start": load(), "python": sys.executable}
    if "validate" not in skip:
        small = os.environ.get("SMALL", "100M")
        path = generate(f"837p-{small}.x12", small)
        print(f"x12.validate vs x12 validate --format json, {path} ({os.path.getsize(path):,} bytes)", flush=True)
        results["validate"] = dict(file=path, bytes=os.path.getsize(path), **bench_validate(path, runs))
    if "findings" not in skip:
        small = os.environ.get("FINDINGS", "20M")
        path = with_findings(generate(f"837p-{small}.x12", small), small)
        print(f"x12.validate vs x12 validate --format json, many findings, {path} ({os.path.getsize(path):,} bytes)",
              flush=True)
        results["findings"] = dict(file=path, bytes=os.path.getsize(path), **bench_validate(path, runs))
    if "dask" not in skip:
        large = os.environ.get("LARGE", "1G")
        path = generate(f"837p-{large}-1isa.x12", large, "--interchanges", "1")
        chunk = size_of(os.environ.get("CHUNK", "64M"))
        print(f"x12.dask.validate, {path} ({os.path.getsize(path):,} bytes, one interchange), parts of {chunk:,}",
              flush=True)
        before = load()
        wall, cpu, cli_out = run_cli(path)
        print(f"  cli: wall {wall:7.2f} s  cpu {cpu:7.2f} s  load {before} -> {load()}", flush=True)
        results["dask"] = dict(file=path, bytes=os.path.getsize(path), chunk=chunk,
                               cli={"wall": wall, "cpu": cpu, "load_before": before, "load_after": load()},
                               **{str(k): v for k, v in bench_dask(path, chunk, cli_out).items()})
    results["load_end"] = load()
    with open(os.path.join(DATA, "python_bench.json"), "w") as f:
        json.dump(results, f, indent=2)
    for case in ("validate", "findings"):
        if case in results:
            v = results[case]
            print(f"\n{case}: python/cli CPU {v['python_over_cli_cpu']:.3f}, wall {v['python_over_cli_wall']:.3f} "
                  f"(target <= 1.10)")
    if "dask" in results:
        d = results["dask"]
        print(f"dask: 2 workers vs 1, wall {d['speedup_wall']:.2f}x (target >= 1.7); CPU 1 worker "
              f"{d['1']['workers_cpu']:.1f} s, 2 workers {d['2']['workers_cpu']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
