"""Scale-out on a Dask ``distributed`` cluster.

The unit of work is a whole file, or, for a file larger than
``chunk_bytes``, a part of it of about that size, cut at an interchange
(ISA) or at a transaction set (ST) inside a group, so one interchange of
any size is spread over the workers. No process reads the whole file:
workers scan byte ranges of it for the envelope segments
(``schema::scan_envelope``); from those marks the client plans the parts
(_plan) and what the envelope checks of each part must remember from
before it (control numbers, set and group counts); each worker then reads
its part and the ISA/GS it starts inside of, and validates it
(``schema::validate_range``) or reads its sets. Paths must be readable by
the workers (a shared file system, or a LocalCluster).

Results are gathered in input order and positions are shifted back to the
file's, so ``validate`` gives the report ``x12 validate --format json``
gives for each file; the reader's findings, listed last and once per file,
are put together in _merge. When a part's reader does not see the
interchanges, groups and sets the scan saw (an envelope segment after stray
whitespace, a set without its SE at a cut), the file is validated in one
piece instead.

Posting (``post``): workers read and match the 835 units against the claims
(``x12.post`` with a scratch ledger each); the ledger itself is written by
one writer, the calling process, in input order: two processes never write
one SQLite file.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import x12
from x12 import _frames, _x12

PathLike = Union[str, "os.PathLike[str]"]

#: Files larger than this are cut into parts of about this size (at an ISA, or at an ST inside a group).
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


#: Bytes read past a segment start for its header (ISA, GS).
_LOOKAHEAD = 4096


def _scan(path: str, begin: int, end: int, element: bytes, terminator: bytes) -> List[Tuple[int, str, bytes]]:
    """(offset, id, control) of each ISA/GS/ST/SE/GE/IEA segment starting
    in [begin, end) (a worker maps that range only)."""
    return _x12.scan_envelope(path, begin, end, element, terminator)


class _Part:
    """A part of a file: [begin, end), starting at an ISA (no prologue) or at
    an ST inside a group (prologue: that interchange's ISA and group's GS)."""

    def __init__(self, begin: int, isa: Optional[int], gs: Optional[int], resume: Dict[str, Any]):
        self.begin, self.end = begin, 0
        self.isa, self.gs = isa, gs  # offsets of the prologue's segments
        self.resume = resume
        self.counts = [0, 0, 0]  # ISA, GS, ST starting in the part, by the scan
        self.open_at_end = False
        self.last = False


def _plan(marks: List[Tuple[int, str, bytes]], size: int, chunk_bytes: int) -> List[_Part]:
    """Cuts a file into parts of about chunk_bytes from its envelope marks,
    in file order: at an ISA outside any interchange, or at an ST inside a
    group and outside any set; notes what the envelope checks remember."""
    isa_controls: List[bytes] = []
    group_controls: List[bytes] = []
    set_controls: List[bytes] = []
    in_isa = in_gs = in_st = False
    isa = gs = None
    parts = [_Part(0, None, None, _resume([], [], [], 0, 0))]
    for offset, kind, control in marks:
        part = parts[-1]
        if offset - part.begin >= chunk_bytes:
            if kind == "ISA" and not (in_isa or in_gs or in_st):
                part.end = offset
                parts.append(_Part(offset, None, None, _resume(isa_controls, [], [], 0, 0)))
            elif kind == "ST" and in_isa and in_gs and not in_st:
                part.end, part.open_at_end = offset, True
                parts.append(_Part(offset, isa, gs, _resume(isa_controls, group_controls, set_controls,
                                                               len(group_controls), len(set_controls))))
        part = parts[-1]
        if kind == "ISA":
            in_isa, in_gs, in_st, isa = True, False, False, offset
            isa_controls.append(control)
            group_controls, set_controls = [], []
            part.counts[0] += 1
        elif kind == "GS":
            in_gs, in_st, gs = True, False, offset
            group_controls.append(control)
            set_controls = []
            part.counts[1] += 1
        elif kind == "ST":
            in_st = True
            set_controls.append(control)
            part.counts[2] += 1
        elif kind == "SE":
            in_st = False
        elif kind == "GE":
            in_gs = in_st = False
        elif kind == "IEA":
            in_isa = in_gs = in_st = False
    parts[-1].end, parts[-1].last = size, True
    return parts


def _resume(isa, groups, sets, n_groups, n_sets) -> Dict[str, Any]:
    return {"interchange_controls": list(isa), "group_controls": list(groups), "set_controls": list(sets),
            "groups": n_groups, "sets": n_sets}


def _parts(client, path: str, chunk_bytes: int) -> List[_Part]:
    """The file's parts: workers scan byte ranges of it for envelope marks
    (no process reads the whole file); one part when it is small."""
    size = os.path.getsize(path)
    delims = _delimiters(path)
    if size <= chunk_bytes or delims is None:
        return [_whole(size)]
    futures = [client.submit(_scan, path, b, min(b + chunk_bytes, size), *delims, pure=False)
               for b in range(0, size, chunk_bytes)]
    marks = [m for part in client.gather(futures) for m in part]
    return _plan(marks, size, chunk_bytes)


def _whole(size: int) -> _Part:
    p = _Part(0, None, None, _resume([], [], [], 0, 0))
    p.end, p.last = size, True
    return p


def _ranges(client, path: str, chunk_bytes: int) -> List[Tuple[int, int]]:
    """Byte ranges of the parts of a file (see _parts)."""
    return [(p.begin, p.end) for p in _parts(client, path, chunk_bytes)]


def _read_range(path: str, begin: int, end: int) -> bytes:
    with open(path, "rb") as f:
        f.seek(begin)
        return f.read(end - begin)


def _segment_at(f, offset: int, terminator: bytes) -> bytes:
    """The segment starting at offset, with its terminator and line break."""
    f.seek(offset)
    data = f.read(_LOOKAHEAD)
    end = data.index(terminator) + 1
    while end < len(data) and data[end : end + 1] in (b"\r", b"\n") and data[end : end + 1] != terminator:
        end += 1
    return data[:end]


def _prologue(path: str, part: _Part) -> bytes:
    """The ISA and GS segments the part starts inside of (none at an ISA)."""
    if part.isa is None:
        return b""
    with open(path, "rb") as f:
        f.seek(part.isa)
        terminator = f.read(106)[105:106]
        return _segment_at(f, part.isa, terminator) + _segment_at(f, part.gs, terminator)


def _read_part(path: str, part: _Part) -> Tuple[bytes, bytes]:
    """The part's bytes and its prologue."""
    return _read_range(path, part.begin, part.end), _prologue(path, part)


def _validate_part(path: str, part: _Part, rules: str, whole: bool):
    """A report for the part, relative to its first byte and segment, and
    whether it can be merged (else the file is validated in one piece)."""
    if whole:
        return dict(x12.validate(path, rules=rules)), True
    text, seen, clean = _x12.validate_range(path, part.begin, part.end, _prologue(path, part), part.resume,
                                            part.open_at_end, part.last, rules)
    return json.loads(text), clean and list(seen) == part.counts


def _shift(position: Dict[str, Any], offset: int, segments: int) -> None:
    position["offset"] += offset
    if position.get("segment_index"):
        position["segment_index"] += segments


#: Findings the reader makes once per file, counting the rest in their
#: message ("... (12 times in all)"): one per part must become one.
ONCE_PER_FILE = ("line_break_after_terminator", "whitespace_before_segment")
#: Findings of the reader itself, which a report lists after all the others.
READER_TAIL = ("byte_order_mark", "component_separator_mismatch", "repetition_separator_legacy",
               "segment_terminator_missing", "whitespace_before_segment", "line_break_after_terminator")
_TIMES = re.compile(r" \((\d+) times in all\)$")


def _times(message: str) -> int:
    m = _TIMES.search(message)
    return int(m.group(1)) if m else 1


def _merge(path: str, parts: List[Tuple[int, Dict[str, Any]]]) -> x12.Report:
    """One report from the reports of consecutive parts. The envelope
    checks that span parts (counts, duplicate control numbers) were made by
    each part from what the plan told it (validate_range)."""
    out: Dict[str, Any] = {"errors": 0, "file": path, "findings": [], "segments": 0, "transaction_sets": [],
                           "warnings": 0}
    first: Dict[str, Dict[str, Any]] = {}
    counts: Dict[str, int] = {}
    tail: List[Dict[str, Any]] = []  # the reader's own findings: the report ends with them
    for begin, r in parts:
        before = out["segments"]
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
    plans = [(p, _parts(client, p, chunk_bytes)) for p in _paths(paths)]
    futures = [
        [client.submit(_validate_part, p, part, rules, len(parts) == 1, pure=False) for part in parts]
        for p, parts in plans
    ]
    reports = []
    for (p, parts), fs in zip(plans, futures):
        results = client.gather(fs)
        if len(parts) == 1:
            reports.append(x12.Report(results[0][0]))
        elif all(clean for _r, clean in results):
            reports.append(_merge(p, [(part.begin, r) for part, (r, _clean) in zip(parts, results)]))
        else:  # a cut the reader did not see as the scan did: the file in one piece
            whole = _whole(os.path.getsize(p))
            reports.append(x12.Report(client.submit(_validate_part, p, whole, rules, True, pure=False).result()[0]))
    return reports


def _frames_part(path: str, part: _Part, whole: bool):
    if whole:
        source: Union[str, bytes] = path
    else:
        data, prologue = _read_part(path, part)
        source = prologue + data
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
    ``payments`` (835 claim payments), one partition per file or part of
    a file (cut as validate cuts it), in input order. Money columns hold ``decimal.Decimal``."""
    import dask.dataframe as dd
    from dask import delayed

    parts = []
    for p in _paths(paths):
        ps = _parts(client, p, chunk_bytes)
        for part in ps:
            parts.append(delayed(_frames_part, pure=True)(p, part, len(ps) == 1))
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
