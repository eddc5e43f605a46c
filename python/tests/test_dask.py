"""x12.dask on a two-worker distributed.LocalCluster, compared with the x12
command line byte for byte."""
import json
import os
from decimal import Decimal

import pytest

import x12
from conftest import DATA, WEEK, corpus_files

distributed = pytest.importorskip("distributed", reason="Dask distributed is not installed (Debian: python3-distributed)")
pytest.importorskip("dask.dataframe", reason="dask.dataframe is not installed (Debian: python3-dask)")
import x12.dask  # noqa: E402

SAMPLES = [os.path.join(DATA, "sample.837"), os.path.join(DATA, "sample.835")]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def as_cli(report):
    """The report as x12 validate --format json prints it."""
    return json.dumps(dict(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_validate_files_equal_cli(client, cli):
    paths = SAMPLES + corpus_files()
    reports = x12.dask.validate(paths, client)
    assert len(reports) == len(paths)
    for path, report in zip(paths, reports):
        _code, out = cli("validate", path, "--format", "json")
        assert as_cli(report).encode() == out, path


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """Many interchanges in one file (837s and 835s, one with errors)."""
    parts = [open(p, "rb").read() for p in SAMPLES + [os.path.join(WEEK, "claims.837")]]
    bad = [p for p in corpus_files() if "/invalid/" in p]
    if bad:
        parts.append(open(bad[0], "rb").read())
    path = tmp_path_factory.mktemp("big") / "many.x12"
    with open(path, "wb") as f:
        for i in range(12):
            f.write(parts[i % len(parts)])
            if not parts[i % len(parts)].endswith(b"\n"):
                f.write(b"\n")
    return str(path)


def test_validate_one_file_in_byte_ranges_equals_cli(client, cli, big_file):
    size = os.path.getsize(big_file)
    ranges = x12.dask._ranges(client, big_file, size // 5)
    assert len(ranges) > 2  # really cut
    assert ranges[0][0] == 0 and ranges[-1][1] == size
    [report] = x12.dask.validate(big_file, client, chunk_bytes=size // 5)
    _code, out = cli("validate", big_file, "--format", "json")
    assert as_cli(report).encode() == out


def test_frames_equal_single_process(client, big_file):
    size = os.path.getsize(big_file)
    frames = x12.dask.to_frames([big_file], client, chunk_bytes=size // 5)
    claims = frames["claims"].compute()
    lines = frames["lines"].compute()
    payments = frames["payments"].compute()
    sets = list(x12.read(big_file))
    assert list(claims["patient_control_number"]) == [r["patient_control_number"] for r in x12._frames.claim_rows(sets)]
    assert sum(claims["total_charge"], Decimal(0)) == sum(
        (Decimal(r["total_charge"]) for r in x12._frames.claim_rows(sets)), Decimal(0))
    assert len(lines) == len(x12._frames.line_rows(sets))
    assert sum(payments["paid"], Decimal(0)) == sum(
        (Decimal(r["paid"]) for r in x12._frames.payment_rows(sets)), Decimal(0))


def test_post_equals_cli_and_one_writer(client, cli, tmp_path):
    remits = [os.path.join(WEEK, f) for f in sorted(os.listdir(WEEK)) if f.endswith(".835")]
    claims = os.path.join(WEEK, "claims.837")
    db, cli_db = tmp_path / "dask.sqlite", tmp_path / "cli.sqlite"
    postings = x12.dask.post(remits, claims, client, db=db)
    _code, out = cli("post", *remits, "--claims", claims, "--db", cli_db, "--format", "json")
    assert list(postings) == json.loads(out)
    # The workers' ledger-free postings agree on the money.
    assert [p["posted_total"] for p in postings.previews] == [p["posted_total"] for p in postings]
    _code, den = cli("denials", "--db", cli_db, "--format", "json")
    assert list(x12.denials(db)) == json.loads(den)
    frame = x12.dask.postings_frame(postings, npartitions=2).compute()
    assert len(frame) == sum(len(p["claims"]) for p in postings)


def test_example_validate_directory(tool):
    import subprocess
    import sys

    from conftest import SOURCE

    script = os.path.join(SOURCE, "examples", "python", "validate_directory.py")
    p = subprocess.run([sys.executable, script, DATA, "--workers", "2"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    assert p.returncode in (0, 1), p.stderr
    lines = p.stdout.decode().splitlines()
    assert any(line.startswith(os.path.join(DATA, "sample.837") + ":") for line in lines)
