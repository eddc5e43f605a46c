"""x12.validate / read / split against the x12 command line."""
import io
import json
import os
import threading
from decimal import Decimal

import pytest

import x12
from conftest import DATA, corpus_files

SAMPLES = [os.path.join(DATA, "sample.837"), os.path.join(DATA, "sample.835")]


def test_version():
    assert x12.__version__.count(".") == 2


@pytest.mark.parametrize("path", SAMPLES + corpus_files())
def test_validate_equals_cli(path, cli):
    code, out = cli("validate", path, "--format", "json")
    report = x12.validate(path)
    assert dict(report) == json.loads(out)
    if "stop" in report:  # 2 when nothing is readable as X12, 1 when reading stopped part-way
        assert code in (1, 2)
    else:
        assert (report["errors"] > 0) == (code == 1)


@pytest.mark.parametrize("path", SAMPLES)
def test_validate_bytes_and_file_object_and_jobs(path):
    by_path = x12.validate(path)
    with open(path, "rb") as f:
        data = f.read()
    by_bytes = x12.validate(data)
    assert by_bytes["findings"] == by_path["findings"]
    assert by_bytes["file"] == "<bytes>"
    assert x12.validate(io.BytesIO(data))["findings"] == by_path["findings"]
    assert dict(x12.validate(path, jobs=3)) == dict(by_path)


def test_validate_rules_subset(cli):
    path = SAMPLES[0]
    _code, out = cli("validate", path, "--format", "json", "--rules", "snip1,snip2")
    assert dict(x12.validate(path, rules=["snip1", "snip2"])) == json.loads(out)
    with pytest.raises(ValueError):
        x12.validate(path, rules="snip9")


def test_validate_code_lists_equal_cli(cli, tmp_path):
    """carc/rarc/codes load the lists x12 validate --carc/--rarc/--codes does:
    a retired CARC (stop date before the 835's DTM*405) is a warning."""
    carcs = tmp_path / "carc.csv"
    carcs.write_text("code,description,stop date\n2,Coinsurance amount,2026-10-31\n")
    rarcs = tmp_path / "rarc.csv"
    rarcs.write_text("code,description\nN54,Remark\n")
    codes = tmp_path / "icd.txt"
    codes.write_text("00001 F331    1 Major depressv disorder, recurrent, moderate\n")
    remit, claims = SAMPLES[1], SAMPLES[0]
    _code, out = cli("validate", remit, "--format", "json", "--carc", carcs, "--rarc", rarcs)
    report = x12.validate(remit, carc=carcs, rarc=rarcs)
    assert dict(report) == json.loads(out)
    assert {f["code"] for f in report["findings"]} == {"code_retired"}
    _code, out = cli("validate", claims, "--format", "json", "--codes", codes)
    report = x12.validate(claims, codes=str(codes))
    assert dict(report) == json.loads(out)
    assert {f["code"] for f in report["findings"]} == {"code_unknown"}
    with pytest.raises(x12.X12Error):
        x12.validate(remit, carc=tmp_path / "missing.csv")


@pytest.mark.parametrize("kind", ["999", "ta1"])
def test_ack_bytes_equal_cli(kind, cli, tmp_path):
    path = SAMPLES[0]
    out = tmp_path / "ack"
    cli("validate", path, "--ack", kind, "--date", "2026-12-07T10:30", "-o", out)
    report = x12.validate(path, ack=kind, ack_date="202612071030")
    assert report.ack == out.read_bytes()
    with pytest.raises(ValueError):
        x12.validate(path, ack=kind, ack_date="2026-13-40")
    assert x12.validate(path).ack is None


def test_findings_frame_on_bad_input(cli):
    bad = [p for p in corpus_files() if "invalid" in p] or []
    path = bad[0] if bad else None
    if path is None:
        pytest.skip("../shared/corpus/invalid is absent")
    report = x12.validate(path)
    df = report.to_pandas()
    assert len(df) == len(report.findings)
    assert list(df.columns[:3]) == ["code", "severity", "offset"]
    assert list(df["code"]) == [f["code"] for f in report.findings]


def test_unreadable_file_raises_with_code():
    with pytest.raises(x12.X12Error) as e:
        x12.validate("/nonexistent/file.837")
    assert e.value.code == "file_unreadable"


def test_read_stop_raises_with_code():
    with pytest.raises(x12.X12Error) as e:
        list(x12.read(b"this is not an interchange"))
    assert e.value.code == "isa_missing"
    assert isinstance(e.value.offset, int)


@pytest.mark.parametrize("path", SAMPLES)
def test_read_equals_cli_json(path, cli):
    _code, out = cli("json", path)
    sets = list(x12.read(path))
    assert [dict(s) for s in sets] == json.loads(out)


def test_read_is_an_iterator():
    it = x12.read(SAMPLES[0])
    assert iter(it) is it
    first = next(it)
    assert first["transaction_set"] == "837"


def test_claims_frame_money_is_exact():
    sets = list(x12.read(SAMPLES[0]))
    df = sets[0].to_pandas()
    assert all(isinstance(v, Decimal) for v in df["total_charge"])
    lines = sets[0].lines_frame()
    assert sum(lines["charge"], Decimal(0)) == sum(df["total_charge"], Decimal(0))
    assert (x12._frames.cents(df["total_charge"]).sum()) == int(sum(df["total_charge"], Decimal(0)) * 100)


def test_split_units_are_self_contained():
    units = list(x12.split(SAMPLES[0]))
    sets = list(x12.read(SAMPLES[0]))
    assert len(units) == len(sets)
    data = open(SAMPLES[0], "rb").read()
    for u in units:
        assert u.startswith(b"ISA")
        assert data[u.offset : u.offset + 2] == b"ST"
        assert [dict(s) for s in x12.read(u)][0]["control_number"] == sets[u.sequence]["control_number"]


def test_threads_validate_in_parallel():
    # The GIL is released while validating: threads each get the same answer.
    data = open(SAMPLES[0], "rb").read()
    expected = x12.validate(data)["findings"]
    results = [None] * 4

    def work(i):
        results[i] = x12.validate(data)["findings"]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
