"""x12.build_claims / post / denials / aging against the x12 command line."""
import json
import os
from decimal import Decimal

import pytest

import x12
from conftest import WEEK

REMITS = [os.path.join(WEEK, f) for f in ("remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835",
                                          "remit-medicare.835")]
CLAIMS = os.path.join(WEEK, "claims.837")
AS_OF = "2025-03-08"


def claims_of(x837):
    return [c for s in x12.read(x837) for *_, c in x12._frames.claims_837(s)]


def test_build_claims_equals_cli(cli, tmp_path):
    out, holds = tmp_path / "week.837", tmp_path / "holds.json"
    auth = tmp_path / "auth.json"
    auth.write_bytes(open(os.path.join(WEEK, "authorizations.json"), "rb").read())
    cli("claims", os.path.join(WEEK, "encounters.json"), "--practice", os.path.join(WEEK, "practice.json"),
        "--authorizations", auth, "--as-of", AS_OF, "-o", out, "--holds", holds)
    r = x12.build_claims(os.path.join(WEEK, "encounters.json"), os.path.join(WEEK, "practice.json"),
                         authorizations=os.path.join(WEEK, "authorizations.json"), as_of=AS_OF)
    assert r.claims == claims_of(str(out))
    assert r.holds == json.loads(holds.read_text())
    assert r.summary["claims"] == len(r.claims)
    df = r.to_pandas()
    assert sum(df["total_charge"], Decimal(0)) == Decimal(r.summary["total_charge"])
    assert len(r.lines_frame()) == r.summary["lines"]


def test_build_claims_with_consents_equals_cli(cli, tmp_path):
    # The demo week's Part 2 patients: one with a consent on file (billed), one
    # without (held with part2_consent_missing), as x12 claims --consents does.
    out, holds = tmp_path / "week.837", tmp_path / "holds.json"
    consents = os.path.join(WEEK, "consents.json")
    cli("claims", os.path.join(WEEK, "encounters.json"), "--practice", os.path.join(WEEK, "practice.json"),
        "--consents", consents, "--as-of", AS_OF, "-o", out, "--holds", holds)
    r = x12.build_claims(os.path.join(WEEK, "encounters.json"), os.path.join(WEEK, "practice.json"),
                         consents=consents, as_of=AS_OF)
    without = x12.build_claims(os.path.join(WEEK, "encounters.json"), os.path.join(WEEK, "practice.json"),
                               as_of=AS_OF)
    assert r.claims == claims_of(str(out))
    assert r.holds == json.loads(holds.read_text())
    assert len(r.claims) == len(without.claims) + 1
    assert "part2_consent_missing" in json.dumps(without.holds)


def test_build_claims_takes_python_objects():
    enc = json.load(open(os.path.join(WEEK, "encounters.json")))
    practice = json.load(open(os.path.join(WEEK, "practice.json")))
    a = x12.build_claims(enc, practice, as_of=AS_OF)
    b = x12.build_claims(os.path.join(WEEK, "encounters.json"), os.path.join(WEEK, "practice.json"), as_of=AS_OF)
    assert a.claims == b.claims


def test_build_claims_bad_json_raises_json_invalid():
    with pytest.raises(x12.X12Error) as e:
        x12.build_claims("[{]", os.path.join(WEEK, "practice.json"), as_of=AS_OF)
    assert e.value.code == "json_invalid"


def test_post_denials_aging_equal_cli(cli, tmp_path):
    cli_db, py_db = tmp_path / "cli.sqlite", tmp_path / "py.sqlite"
    _code, out = cli("post", *REMITS, "--claims", CLAIMS, "--db", cli_db, "--format", "json")
    postings = x12.post(REMITS, CLAIMS, db=py_db)
    assert list(postings) == json.loads(out)

    _code, out = cli("denials", "--db", py_db, "--format", "json")
    assert list(x12.denials(py_db)) == json.loads(out)
    _code, out = cli("aging", "--db", py_db, "--as-of", AS_OF, "--format", "json")
    assert dict(x12.aging(py_db, as_of=AS_OF)) == json.loads(out)

    # Frames: money exact, totals as the postings say.
    claims = postings.claims_frame()
    assert sum(claims["paid"], Decimal(0)) == sum(Decimal(c["paid"]) for p in postings for c in p["claims"])
    adj = postings.adjustments_frame()
    assert set(adj["level"]) <= {"claim", "line", "provider"}
    assert all(isinstance(v, Decimal) for v in adj["amount"])
    assert len(postings.to_pandas()) == len(postings)
    assert len(postings.lines_frame()) == sum(len(c["lines"]) for p in postings for c in p["claims"])
    x12.denials(py_db).to_pandas()
    x12.aging(py_db, as_of=AS_OF).buckets_frame()


def test_post_again_is_duplicate(tmp_path):
    db = tmp_path / "l.sqlite"
    x12.post(REMITS[0], CLAIMS, db=db)
    again = x12.post(REMITS[0], CLAIMS, db=db)
    assert all(p["duplicate"] for p in again)


def test_missing_ledger_raises():
    with pytest.raises(x12.X12Error) as e:
        x12.denials("/nonexistent/ledger.sqlite")
    assert e.value.code == "file_unreadable"


def test_post_jobs_gives_the_same_postings(tmp_path):
    one = x12.post(REMITS, CLAIMS, db=tmp_path / "one.sqlite")
    two = x12.post(REMITS, CLAIMS, db=tmp_path / "two.sqlite", jobs=2)
    assert list(two) == list(one)
