"""Scale-out on a Dask ``distributed`` cluster.

The unit of work is a whole file, or, for a file larger than
``chunk_bytes``, a run of whole interchanges (ISA..IEA) found by byte
ranges: workers scan their own range of the file for the interchange
headers, so no process reads the whole file, then each worker validates or
reads its run of interchanges by seeking to it. Paths must be readable by
the workers (a shared file system, or a LocalCluster).

Results are gathered in input order and positions are shifted back to the
file's, so ``validate`` gives the report ``x12 validate --format json``
gives for each file; what is file-wide (duplicate ISA13 across runs, the
reader's findings listed last, once-per-file findings) is redone in _merge.

Posting (``post``): workers read and match the 835 units against the claims
(``x12.post`` with a scratch ledger each); the ledger itself is written by
one writer, the calling process, in input order: two processes never write
one SQLite file.
"""

from __future__ import annotations

import os
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import x12
from x12 import _frames

PathLike = Union[str, "os.PathLike[str]"]

#: Files larger than this are cut into runs of whole interchanges.
DEFAULT_CHUNK_BYTES = 64 << 20


def _paths(paths: Union[PathLike, Sequence[PathLike]]) -> List[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def _delimiters(path: str) -> Optional[Tuple[bytes, bytes]]:
    """ISA's element separator and segment terminator (ISA is 106 bytes)."""
    with open(path, "rb") as f:
        head = f.read(106)
    if len(head) < 106 or not head.startswith(b"ISA"):
        return None
    return head[3:4], head[105:106]


def _isa_starts(path: str, begin: int, end: int, element: bytes, terminator: bytes) -> List[int]:
    """Offsets in [begin, end) where an ISA segment starts: 'ISA' + the
    element separator right after a segment terminator (and line breaks)."""
    pattern = b"ISA" + element
    out = []
    with open(path, "rb") as f:
        start = max(begin - 4, 0)
        f.seek(start)
        data = f.read(end - start + 3)
    i = data.find(pattern)
    while i != -1:
        pos = start + i
        if begin <= pos < end:
            j = i - 1
            while j >= 0 and data[j : j + 1] in (b"\n", b"\r") and data[j : j + 1] != terminator:
                j -= 1
            if pos == 0 or (j >= 0 and data[j : j + 1] == terminator):
                out.append(pos)
        i = data.find(pattern, i + 1)
    return out


def _ranges(client, path: str, chunk_bytes: int) -> List[Tuple[int, int]]:
    """Byte ranges of runs of whole interchanges, about chunk_bytes each."""
    size = os.path.getsize(path)
    delims = _delimiters(path)
    if size <= chunk_bytes or delims is None:
        return [(0, size)]
    cuts = list(range(0, size, chunk_bytes))
    futures = [client.submit(_isa_starts, path, b, min(b + chunk_bytes, size), *delims, pure=False) for b in cuts]
    starts = sorted({s for part in client.gather(futures) for s in part})
    if not starts or starts[0] != 0:
        return [(0, size)]  # leading bytes before the first ISA: let one worker see it all
    ranges, begin = [], 0
    for s in starts[1:]:
        if s - begin >= chunk_bytes:
            ranges.append((begin, s))
            begin = s
    ranges.append((begin, size))
    return ranges


def _read_range(path: str, begin: int, end: int) -> bytes:
    with open(path, "rb") as f:
        f.seek(begin)
        return f.read(end - begin)


def _headers(data: bytes) -> List[Tuple[int, int, bytes]]:
    """(offset, segment index, ISA13) of each interchange header in a run
    of whole interchanges (data starts with an ISA)."""
    if len(data) < 106:
        return []
    element, terminator = data[3:4], data[105:106]
    out = []
    for local in _isa_starts_in(data, element, terminator):
        out.append((local, data.count(terminator, 0, local) + 1, data[local + 90 : local + 99]))
    return out


def _isa_starts_in(data: bytes, element: bytes, terminator: bytes) -> List[int]:
    pattern, out = b"ISA" + element, []
    i = data.find(pattern)
    while i != -1:
        j = i - 1
        while j >= 0 and data[j : j + 1] in (b"\n", b"\r") and data[j : j + 1] != terminator:
            j -= 1
        if i == 0 or (j >= 0 and data[j : j + 1] == terminator):
            out.append(i)
        i = data.find(pattern, i + 1)
    return out


def _validate_range(path: str, begin: int, end: int, rules: str, whole: bool):
    if whole:
        return dict(x12.validate(path, rules=rules)), []
    data = _read_range(path, begin, end)
    return dict(x12.validate(data, rules=rules)), _headers(data)


def _shift(position: Dict[str, Any], offset: int, segments: int) -> None:
    position["offset"] += offset
    if position.get("segment_index"):
        position["segment_index"] += segments


#: Findings the reader makes once per file, counting the rest in their
#: message ("... (12 times in all)"): one per run of interchanges must become one.
ONCE_PER_FILE = ("line_break_after_terminator", "whitespace_before_segment")
#: Findings of the reader itself, which a report lists after all the others.
READER_TAIL = ("byte_order_mark", "component_separator_mismatch", "repetition_separator_legacy",
               "segment_terminator_missing", "whitespace_before_segment", "line_break_after_terminator")
_TIMES = re.compile(r" \((\d+) times in all\)$")


def _times(message: str) -> int:
    m = _TIMES.search(message)
    return int(m.group(1)) if m else 1


def _cross_run_duplicates(r: Dict[str, Any], headers: List[Tuple[int, int, bytes]], seen: set) -> None:
    """The file-wide check a run cannot make alone: an ISA13 used in an
    earlier run (interchange_control_duplicate), inserted in input order."""
    here: set = set()
    for offset, index, control in headers:
        if control.isdigit() and len(control) == 9 and control in seen and control not in here:
            finding = {"ack_code": "025", "code": "interchange_control_duplicate", "element": "ISA13", "loop": "",
                       "message": "this interchange control number (ISA13) was already used in the file",
                       "offset": offset, "reference": "", "segment_id": "ISA", "segment_index": index,
                       "set_position": 0, "severity": "error"}
            at = next((i for i, f in enumerate(r["findings"]) if f["segment_index"] > index), len(r["findings"]))
            r["findings"].insert(at, finding)
            r["errors"] += 1
        here.add(control)
    seen |= here


def _merge(path: str, parts: List[Tuple[int, Dict[str, Any], List[Tuple[int, int, bytes]]]]) -> x12.Report:
    """One report from the reports of consecutive byte ranges."""
    out: Dict[str, Any] = {"errors": 0, "file": path, "findings": [], "segments": 0, "transaction_sets": [],
                           "warnings": 0}
    first: Dict[str, Dict[str, Any]] = {}
    counts: Dict[str, int] = {}
    seen: set = set()  # ISA13 of the runs before
    tail: List[Dict[str, Any]] = []  # the reader's own findings: the report ends with them
    for begin, r, headers in parts:
        before = out["segments"]
        _cross_run_duplicates(r, headers, seen)
        for f in r["findings"]:
            if f["code"] in ONCE_PER_FILE:
                counts[f["code"]] = counts.get(f["code"], 0) + _times(f["message"])
                if f["code"] in first:
                    r["warnings" if f["severity"] == "warning" else "errors"] -= 1
                    continue
                first[f["code"]] = f
            _shift(f, begin, before)
            if "trigger" in f:
                _shift(f["trigger"], begin, before)
            (tail if f["code"] in READER_TAIL else out["findings"]).append(f)
        for s in r["transaction_sets"]:
            s["offset"] += begin
            out["transaction_sets"].append(s)
        out["segments"] += r["segments"]
        out["errors"] += r["errors"]
        out["warnings"] += r["warnings"]
        if "stop" in r:  # the reader stops there, as the CLI's does
            out["stop"] = dict(r["stop"], offset=r["stop"]["offset"] + begin)
            break
    out["findings"].extend(tail)
    for code, f in first.items():
        f["message"] = _TIMES.sub("", f["message"]) + (f" ({counts[code]} times in all)" if counts[code] > 1 else "")
    return x12.Report({k: out[k] for k in sorted(out)})


def validate(
    paths: Union[PathLike, Sequence[PathLike]],
    client,
    rules: str = "snip1,snip2,snip3,snip4",
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
) -> List[x12.Report]:
    """Validates files on the cluster: one :class:`x12.Report` per path, in
    order, each equal to what ``x12 validate --format json`` prints for it."""
    plans = [(p, _ranges(client, p, chunk_bytes)) for p in _paths(paths)]
    futures = [
        [client.submit(_validate_range, p, b, e, rules, len(rs) == 1, pure=False) for b, e in rs] for p, rs in plans
    ]
    reports = []
    for (p, rs), fs in zip(plans, futures):
        results = client.gather(fs)
        if len(rs) == 1:
            reports.append(x12.Report(results[0][0]))
        else:
            reports.append(_merge(p, [(b, r, h) for (b, _e), (r, h) in zip(rs, results)]))
    return reports


def _frames_range(path: str, begin: int, end: int, whole: bool):
    source = path if whole else _read_range(path, begin, end)
    sets = list(x12.read(source))
    return (
        _frames.frame(_frames.claim_rows(sets), CLAIM_COLUMNS),
        _frames.frame(_frames.line_rows(sets), LINE_COLUMNS),
        _frames.frame(_frames.payment_rows(sets), PAYMENT_COLUMNS),
    )


CLAIM_COLUMNS = ["control_number", "patient_control_number", "total_charge", "place_of_service", "frequency_code",
                 "billing_npi", "rendering_npi", "payer_id", "insured_id", "patient_last_name", "patient_first_name",
                 "diagnoses", "lines"]
LINE_COLUMNS = ["patient_control_number", "line", "procedure", "modifiers", "charge", "unit_basis", "quantity",
                "place_of_service", "diagnosis_pointers", "service_date", "rendering_npi"]
PAYMENT_COLUMNS = ["trace_number", "payer_id", "patient_control_number", "status", "charge", "paid",
                   "patient_responsibility", "payer_claim_control_number", "services"]


def to_frames(
    paths: Union[PathLike, Sequence[PathLike]], client, chunk_bytes: int = DEFAULT_CHUNK_BYTES
) -> Dict[str, Any]:
    """Dask DataFrames over the files: ``claims`` and ``lines`` (837P),
    ``payments`` (835 claim payments), one partition per file or run of
    interchanges, in input order. Money columns hold ``decimal.Decimal``."""
    import dask.dataframe as dd
    from dask import delayed

    parts = []
    for p in _paths(paths):
        rs = _ranges(client, p, chunk_bytes)
        for b, e in rs:
            parts.append(delayed(_frames_range, pure=True)(p, b, e, len(rs) == 1))
    out = {}
    for i, (name, cols) in enumerate((("claims", CLAIM_COLUMNS), ("lines", LINE_COLUMNS),
                                      ("payments", PAYMENT_COLUMNS))):
        meta = _frames.frame([], cols).astype(object)
        pieces = [delayed(lambda t, i=i: t[i].astype(object), pure=True)(part) for part in parts]
        out[name] = dd.from_delayed(pieces, meta=meta, verify_meta=False)
    return out


def _post_preview(remits: bytes, claims: List[str]) -> List[Dict[str, Any]]:
    return list(x12.post(remits, claims, ""))


def post(
    remittances: Union[PathLike, Sequence[PathLike]],
    claims: Union[PathLike, Sequence[PathLike]],
    client,
    db: PathLike = "",
    appeal_days: int = 90,
) -> x12.Postings:
    """Posts 835s against 837Ps. Workers read and match each 835
    transaction-set unit (what does not need the ledger); the ledger is
    written by this process alone, in input order, so the postings and the
    ledger are those of ``x12 post`` (``x12.post``). Returns the postings;
    ``previews`` on the result holds the workers' ledger-free postings."""
    remits = _paths(remittances)
    claim_paths = _paths(claims)
    futures = [client.submit(_post_preview, bytes(u), claim_paths, pure=False) for r in remits for u in x12.split(r)]
    previews = [p for part in client.gather(futures) for p in part]
    result = x12.post(remits, claim_paths, db, appeal_days=appeal_days)
    result.previews = previews
    return result


def postings_frame(postings: x12.Postings, npartitions: int = 1):
    """A Dask DataFrame of the claim postings."""
    import dask.dataframe as dd

    return dd.from_pandas(postings.claims_frame(), npartitions=npartitions)
