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


def _sets_of(path):
    """The ST..SE segment lists of a file whose segments end with '~' and a line feed."""
    out, cur = [], None
    for seg in open(path, "rb").read().split(b"~\n"):
        if seg.startswith(b"ST*"):
            cur = [seg]
        elif cur is not None:
            cur.append(seg)
            if seg.startswith(b"SE*"):
                out.append(cur)
                cur = None
    return out


@pytest.fixture(scope="module")
def one_interchange(tmp_path_factory):
    """One interchange of two groups and 40 sets, with envelope errors whose
    checks span the cuts: a duplicate ST02 far from the first, a GE01 that
    counts one set too many, a GS06 used twice, a wrong SE01, a set missing
    a required segment, an IEA01 that is off; then a second interchange
    reusing the first ISA13."""
    pool = _sets_of(SAMPLES[0]) + _sets_of(os.path.join(WEEK, "claims.837"))
    isa = open(SAMPLES[0], "rb").read().split(b"~\n")[0]
    gs = b"GS*HC*RIVERBENDBH*CLEARHOUSE01*20261102*0915*{}*X*005010X222A1"

    def set_bytes(n, control):
        segs = list(pool[n % len(pool)])
        st = segs[0].split(b"*")
        st[2] = control
        segs[0] = b"*".join(st)
        segs[-1] = b"SE*%d*%s" % (len(segs), control)
        if n == 7:  # a required segment missing
            segs = [x for x in segs if not x.startswith(b"NM1*IL")]
            segs[-1] = b"SE*%d*%s" % (len(segs), control)
        if n == 11:
            segs[-1] = b"SE*%d*%s" % (len(segs) + 3, control)
        return b"".join(x + b"~\n" for x in segs)

    out = [isa + b"~\n"]
    n = 0
    for group, (sets, declared) in enumerate(((24, 25), (16, 16))):
        out.append(gs.replace(b"{}", b"101") + b"~\n")
        for i in range(sets):
            control = b"%04d" % (5 if (group, i) == (0, 20) else i + 1)
            out.append(set_bytes(n, control))
            n += 1
        out.append(b"GE*%d*101~\n" % declared)
    out.append(b"IEA*3*000000101~\n")
    out.append(isa + b"~\n" + gs.replace(b"{}", b"7") + b"~\n" + set_bytes(3, b"0001") + b"GE*1*7~\nIEA*1*000000101~\n")
    path = tmp_path_factory.mktemp("one") / "one-interchange.x12"
    path.write_bytes(b"".join(out))
    return str(path)


def _parts_clean(client, path, chunk):
    parts = x12.dask._parts(client, path, chunk)
    results = client.gather([client.submit(x12.dask._validate_part, path, p, "snip1,snip2,snip3,snip4", False,
                                           pure=False) for p in parts])
    return parts, [clean for _r, clean in results]


def test_one_interchange_cut_into_sets_equals_cli(client, cli, one_interchange):
    _code, out = cli("validate", one_interchange, "--format", "json")
    expected = json.loads(out)
    codes = {f["code"] for f in expected["findings"]}
    # The checks that span cuts are in the file.
    assert {"set_control_duplicate", "group_set_count_mismatch", "group_control_duplicate",
            "interchange_group_count_mismatch", "interchange_control_duplicate",
            "set_segment_count_mismatch"} <= codes
    size = os.path.getsize(one_interchange)
    for chunk in (size // 9, size // 4, 2048):
        parts, clean = _parts_clean(client, one_interchange, chunk)
        assert sum(p.isa is not None for p in parts) >= 2  # cut at sets inside the interchange
        assert all(clean), chunk  # merged, not validated in one piece
        [report] = x12.dask.validate(one_interchange, client, chunk_bytes=chunk)
        assert as_cli(report).encode() == out, chunk


def test_generated_interchange_cut_into_sets_equals_cli(client, cli, tmp_path):
    from conftest import BUILD

    gen = os.path.join(BUILD, "tests", "generator", "x12_gen")
    if not os.path.exists(gen):
        pytest.skip(f"the generator is not built ({gen})")
    import subprocess

    for kind in ("837p", "835"):
        path = tmp_path / f"gen-{kind}.x12"
        subprocess.run([gen, "--kind", kind, "--claims", "400", "--seed", "7", "--interchanges", "1",
                        "--max-claims-per-set", "9", "--newline", "lf", "-o", str(path)], check=True)
        size = os.path.getsize(path)
        parts, clean = _parts_clean(client, str(path), size // 6)
        assert len(parts) >= 5 and all(clean)
        [report] = x12.dask.validate(str(path), client, chunk_bytes=size // 6)
        _code, out = cli("validate", path, "--format", "json")
        assert as_cli(report).encode() == out, kind
        frames = x12.dask.to_frames([str(path)], client, chunk_bytes=size // 6)
        sets = list(x12.read(str(path)))
        if kind == "837p":
            claims = frames["claims"].compute()
            assert list(claims["patient_control_number"]) == [
                r["patient_control_number"] for r in x12._frames.claim_rows(sets)]
        else:
            payments = frames["payments"].compute()
            assert list(payments["paid"]) == [Decimal(r["paid"]) for r in x12._frames.payment_rows(sets)]


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
