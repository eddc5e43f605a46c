"""Result objects and their pandas frames.

Money columns hold ``decimal.Decimal`` values (exact; pandas ``object``
dtype), converted from the library's two-place decimal strings. Sum them
with ``sum(df.charge, Decimal(0))`` or ``df.charge.sum()`` (pandas adds
Decimals exactly); ``cents(df.charge)`` gives integer cents (``int64``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Dict, Iterable, List, Optional

#: Keys whose values are money (decimal strings in the library's JSON).
MONEY = frozenset(
    {
        "total_charge",
        "charge",
        "paid",
        "allowed",
        "amount",
        "payment_amount",
        "posted_total",
        "difference",
        "patient_responsibility",
        "deductible",
        "coinsurance",
        "copay",
        "other_patient_responsibility",
        "contractual",
        "payer_initiated",
        "other_adjustments",
        "reported_patient_responsibility",
        "interest",
    }
)


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("to_pandas() needs pandas (Debian: python3-pandas)") from e
    return pandas


def money(value: Optional[str]) -> Optional[Decimal]:
    """The library's decimal string as an exact Decimal (None stays None)."""
    if value is None or value == "":
        return None
    return Decimal(value)


def cents(values: Iterable[Optional[Decimal]]):
    """Integer cents of a money column (a pandas Series of int64; None -> 0)."""
    pd = _pandas()
    return pd.Series([int((v or Decimal(0)) * 100) for v in values], dtype="int64")


def frame(rows: List[Dict[str, Any]], columns: Optional[List[str]] = None):
    """A DataFrame with money columns as Decimal."""
    pd = _pandas()
    out = []
    for r in rows:
        out.append({k: (money(v) if k in MONEY and isinstance(v, str) else v) for k, v in r.items()})
    return pd.DataFrame(out, columns=columns)


# --- 837P ------------------------------------------------------------------


def _first_date(dates: List[Dict[str, Any]], qualifiers=("472",)) -> Optional[str]:
    for d in dates or []:
        if d.get("qualifier") in qualifiers:
            return d.get("date") or d.get("from")
    return None


def _npi(providers: List[Dict[str, Any]], entity: str) -> Optional[str]:
    for p in providers or []:
        if p.get("entity") == entity:
            return p.get("id")
    return None


def claims_837(doc: Dict[str, Any]) -> Iterable[Dict[str, Any]]:
    """(billing provider, subscriber, patient or None, claim) of an 837P document."""
    for bp in doc.get("billing_providers", []):
        for sub in bp.get("subscribers", []):
            for c in sub.get("claims", []):
                yield bp, sub, None, c
            for pat in sub.get("patients", []):
                for c in pat.get("claims", []):
                    yield bp, sub, pat, c


def claim_rows(docs: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rows = []
    for doc in docs:
        if doc.get("transaction_set") != "837":
            continue
        for bp, sub, pat, c in claims_837(doc):
            person = (pat or {}).get("patient") or sub.get("subscriber", {})
            diagnoses = [h.get("code") for hi in c.get("health_codes", []) for h in hi.get("codes", [])]
            rows.append(
                {
                    "control_number": doc.get("control_number"),
                    "patient_control_number": c.get("patient_control_number"),
                    "total_charge": c.get("total_charge"),
                    "place_of_service": c.get("place_of_service"),
                    "frequency_code": c.get("frequency_code"),
                    "billing_npi": bp.get("billing_provider", {}).get("id"),
                    "rendering_npi": _npi(c.get("providers"), "82"),
                    "payer_id": sub.get("payer", {}).get("id"),
                    "insured_id": sub.get("subscriber", {}).get("id"),
                    "patient_last_name": person.get("last_name"),
                    "patient_first_name": person.get("first_name"),
                    "diagnoses": diagnoses,
                    "lines": len(c.get("service_lines", [])),
                }
            )
    return rows


def line_rows(docs: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rows = []
    for doc in docs:
        if doc.get("transaction_set") != "837":
            continue
        for _bp, _sub, _pat, c in claims_837(doc):
            for n, line in enumerate(c.get("service_lines", []), start=1):
                proc = line.get("procedure", {})
                rows.append(
                    {
                        "patient_control_number": c.get("patient_control_number"),
                        "line": n,
                        "procedure": proc.get("code"),
                        "modifiers": ":".join(proc.get("modifiers", [])),
                        "charge": line.get("charge"),
                        "unit_basis": line.get("unit_basis"),
                        "quantity": line.get("quantity"),
                        "place_of_service": line.get("place_of_service") or c.get("place_of_service"),
                        "diagnosis_pointers": ":".join(line.get("diagnosis_pointers", [])),
                        "service_date": _first_date(line.get("dates")),
                        "rendering_npi": _npi(line.get("providers"), "82") or _npi(c.get("providers"), "82"),
                    }
                )
    return rows


# --- 835 -------------------------------------------------------------------


def payment_rows(docs: Iterable[Dict[str, Any]]) -> List[Dict[str, Any]]:
    rows = []
    for doc in docs:
        if doc.get("transaction_set") != "835":
            continue
        for hn in doc.get("header_numbers", []):
            for c in hn.get("claims", []):
                rows.append(
                    {
                        "trace_number": doc.get("trace", {}).get("reference"),
                        "payer_id": doc.get("trace", {}).get("originator"),
                        "patient_control_number": c.get("patient_control_number"),
                        "status": c.get("status"),
                        "charge": c.get("total_charge"),
                        "paid": c.get("paid"),
                        "patient_responsibility": c.get("patient_responsibility"),
                        "payer_claim_control_number": c.get("payer_claim_control_number"),
                        "services": len(c.get("services", [])),
                    }
                )
    return rows


# --- result objects --------------------------------------------------------


class Report(dict):
    """A validation report: the dict ``x12 validate --format json`` prints,
    plus ``ack`` (the 999/TA1 bytes when asked for, else None)."""

    def __init__(self, doc: Dict[str, Any], ack: Optional[bytes] = None):
        super().__init__(doc)
        self.ack = ack

    @property
    def findings(self) -> List[Dict[str, Any]]:
        return self["findings"]

    @property
    def errors(self) -> int:
        return self["errors"]

    @property
    def ok(self) -> bool:
        """True when there is no error and the reader did not stop."""
        return self["errors"] == 0 and "stop" not in self

    def to_pandas(self):
        """The findings, one row each in input order; a situational
        finding's trigger in ``trigger_*`` columns."""
        rows = []
        for f in self["findings"]:
            r = {k: v for k, v in f.items() if k != "trigger"}
            for k, v in f.get("trigger", {}).items():
                r["trigger_" + k] = v
            rows.append(r)
        cols = ["code", "severity", "offset", "segment_index", "set_position", "segment_id", "element", "loop",
                "reference", "ack_code", "message"]
        extra = sorted({k for r in rows for k in r} - set(cols))
        return frame(rows, cols + extra)


class TransactionSet(dict):
    """One transaction set (docs/json.md); ``findings``: the reader's
    findings for it, as text lines (no values)."""

    def __init__(self, doc: Dict[str, Any], findings: List[str]):
        super().__init__(doc)
        self.findings = list(findings)

    def to_pandas(self):
        """837P: its claims; 835: its claim payments; else its segments."""
        if self.get("transaction_set") == "837":
            return frame(claim_rows([self]))
        if self.get("transaction_set") == "835":
            return frame(payment_rows([self]))
        return frame([{"id": s.get("id"), "elements": s.get("elements")} for s in self.get("segments", [])])

    def lines_frame(self):
        """837P service lines."""
        return frame(line_rows([self]))


class BuildResult:
    """What ``build_claims`` made: ``x837`` (bytes), ``claims`` (the 837P
    transaction sets, docs/json.md), ``holds`` (list of dicts),
    ``authorizations`` (JSON text of the units left, or None), and counts."""

    def __init__(self, out: Dict[str, Any], sets: List[TransactionSet]):
        import json

        self.x837: bytes = out["x837"]
        self.sets: List[TransactionSet] = sets
        self.holds: List[Dict[str, Any]] = json.loads(out["holds"])
        self.authorizations: Optional[str] = out["authorizations"]
        self.summary = {k: out[k] for k in ("claims", "lines", "total_charge", "interchanges")}
        self.summary["transaction_sets"] = out["sets"]

    @property
    def claims(self) -> List[Dict[str, Any]]:
        return [c for s in self.sets for _bp, _sub, _pat, c in claims_837(s)]

    def to_pandas(self):
        """One row per claim (money as Decimal)."""
        return frame(claim_rows(self.sets))

    def lines_frame(self):
        """One row per service line."""
        return frame(line_rows(self.sets))

    def holds_frame(self):
        return frame(self.holds)


class Postings(list):
    """Postings, one per 835 transaction set (docs/json.md "x12 post")."""

    def to_pandas(self):
        """One row per 835: trace, payer, payment, posted total, balance."""
        rows = [{k: v for k, v in p.items() if k not in ("claims", "provider_adjustments", "unmatched")} for p in self]
        return frame(rows)

    def claims_frame(self):
        rows = []
        for p in self:
            for c in p.get("claims", []):
                r = {k: v for k, v in c.items() if k not in ("lines", "adjustments", "remarks")}
                r["trace_number"] = p.get("trace_number")
                r["remarks"] = ",".join(c.get("remarks", []))
                rows.append(r)
        return frame(rows)

    def lines_frame(self):
        rows = []
        for p in self:
            for c in p.get("claims", []):
                for line in c.get("lines", []):
                    r = {k: v for k, v in line.items() if k not in ("adjustments", "remarks")}
                    r["trace_number"] = p.get("trace_number")
                    r["patient_control_number"] = c.get("patient_control_number")
                    r["remarks"] = ",".join(line.get("remarks", []))
                    rows.append(r)
        return frame(rows)

    def adjustments_frame(self):
        """Every adjustment (claim level, summed by group and reason), with
        ``level`` "claim"; and each line's, with ``level`` "line"."""
        rows = []
        for p in self:
            for c in p.get("claims", []):
                for a in c.get("adjustments", []):
                    rows.append({"trace_number": p.get("trace_number"), "patient_control_number":
                                 c.get("patient_control_number"), "level": "claim", "line": None, **a})
                for n, line in enumerate(c.get("lines", []), start=1):
                    for a in line.get("adjustments", []):
                        rows.append({"trace_number": p.get("trace_number"), "patient_control_number":
                                     c.get("patient_control_number"), "level": "line", "line": n, **a})
            for a in p.get("provider_adjustments", []):
                rows.append({"trace_number": p.get("trace_number"), "patient_control_number": a.get("claim"),
                             "level": "provider", "line": None, "group": None, "reason": a.get("reason"),
                             "amount": a.get("amount"), "quantity": None})
        return frame(rows, ["trace_number", "patient_control_number", "level", "line", "group", "reason", "amount",
                            "quantity"])


class Denials(list):
    """The denials worklist (docs/json.md "Denials")."""

    def to_pandas(self):
        return frame([{**d, "remarks": ",".join(d.get("remarks", []))} for d in self])


class Aging(dict):
    """``{"buckets": [...], "claims": [...]}`` (docs/json.md "Aging")."""

    def to_pandas(self):
        """One row per unpaid claim, oldest first."""
        return frame(self["claims"])

    def buckets_frame(self):
        return frame(self["buckets"])
