"""x12: ASC X12 5010 healthcare EDI (837P, 835, 999/TA1) from Python.

A thin layer over the C++ library (the extension ``x12._x12``): every call
runs the same library functions as the ``x12`` command line, and results
have the JSON shapes of ``docs/json.md``. The GIL is released while the
library reads, validates, builds or posts, so threads run in parallel.

Money: in dicts it is the library's decimal string with two places
(``"125.00"``); in ``.to_pandas()`` frames it is ``decimal.Decimal`` (exact,
``object`` dtype), never a float. See docs/python.md.

Errors: input the library cannot read through (no ISA, a file that cannot
be opened, invalid JSON...) raises :class:`X12Error` whose ``code`` is the
library's error code name (``"file_unreadable"``, ``"isa_missing"``,
``"json_invalid"``...). Findings in a readable file are not exceptions:
they are in the report.
"""

from __future__ import annotations

import json
import os
from typing import Any, BinaryIO, Dict, Iterator, List, Optional, Sequence, Union

from . import _x12
from ._frames import (
    Aging,
    BuildResult,
    Denials,
    Postings,
    Report,
    TransactionSet,
)
from ._types import (
    AgingDict,
    DenialDict,
    FindingDict,
    PostingDict,
    ReportDict,
    TransactionSetDict,
)

__version__: str = _x12.__version__

X12Error = _x12.X12Error
X12Error.__doc__ = (
    "The library could not go on. Attributes: code (the library's error code name, "
    "e.g. 'file_unreadable'), errno_value (its number), offset (byte offset in the input)."
)

Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, BinaryIO]
"""A path, the bytes of an interchange, or a binary file object."""

__all__ = [
    "__version__",
    "X12Error",
    "Source",
    "validate",
    "read",
    "split",
    "Unit",
    "build_claims",
    "post",
    "denials",
    "aging",
    "Report",
    "TransactionSet",
    "BuildResult",
    "Postings",
    "Denials",
    "Aging",
    "FindingDict",
    "ReportDict",
    "TransactionSetDict",
    "PostingDict",
    "DenialDict",
    "AgingDict",
]


def _source(source: Source) -> Union[str, bytes]:
    """A path (str) or bytes, as the extension takes them."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    read = getattr(source, "read", None)
    if read is None:
        raise TypeError("source must be a path, bytes or a binary file object")
    data = read()
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("the file object must be opened in binary mode")
    return bytes(data)


def _name(source: Source) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return getattr(source, "name", "<bytes>") if not isinstance(source, (bytes, bytearray, memoryview)) else "<bytes>"


def _text(value: Union[str, bytes, "os.PathLike[str]", Sequence[Any], Dict[str, Any]]) -> str:
    """JSON text from a path, JSON text/bytes, or Python objects."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, os.PathLike) or (isinstance(value, str) and not value.lstrip().startswith(("{", "["))):
        with open(value, "rb") as f:
            return f.read().decode("utf-8")
    return value


def validate(
    source: Source,
    rules: Union[str, Sequence[str]] = "snip1,snip2,snip3,snip4",
    jobs: int = 1,
    *,
    ack: Optional[str] = None,
    ack_date: Optional[str] = None,
    show_values: bool = False,
    carc: Optional[Union[str, "os.PathLike[str]"]] = None,
    rarc: Optional[Union[str, "os.PathLike[str]"]] = None,
    codes: Optional[Union[str, "os.PathLike[str]"]] = None,
) -> Report:
    """Validates against the implementation guides (``x12 validate``).

    ``rules``: SNIP families, ``"snip1,snip2,snip3,snip4"`` (default), a list
    of them, or ``"all"``. ``jobs``: worker threads (the report is the same
    for any number). ``ack``: ``"999"`` or ``"ta1"`` puts the acknowledgment's
    bytes in ``report.ack``, its envelope taken from the acknowledged
    interchange (as ``x12 validate --ack``), dated now (UTC) or ``ack_date``
    (``CCYYMMDD[HHMM]`` or ``YYYY-MM-DD[THH:MM]``, as ``--date``). ``show_values`` copies offending values into
    findings (patient data). ``carc`` and ``rarc``: CSV code lists over the
    built-in ones, ``codes``: the CMS ICD-10-CM order file, as ``x12 validate
    --carc/--rarc/--codes`` (docs/code-lists.md).

    Returns a :class:`Report`: ``report.findings`` are dicts with the fields of
    ``x12 validate --format json`` in input order; ``report.to_pandas()``.
    Raises :class:`X12Error` (``file_unreadable``) when the file cannot be read.
    """
    if not isinstance(rules, str):
        rules = ",".join(rules)
    if ack not in (None, "999", "ta1"):
        raise ValueError("ack is None, '999' or 'ta1'")
    if jobs < 1:
        raise ValueError("jobs is at least 1")
    text, ack_bytes = _x12.validate(
        _source(source),
        _name(source),
        rules,
        jobs,
        show_values,
        ack or "",
        ack_date or "",
        os.fspath(carc) if carc else "",
        os.fspath(rarc) if rarc else "",
        os.fspath(codes) if codes else "",
    )
    return Report(json.loads(text), ack_bytes)


def read(source: Source) -> Iterator[TransactionSet]:
    """Transaction sets as typed dicts (``x12 json``; docs/json.md), streamed.

    One set is read per step of the iterator (``TransactionSet`` is a dict
    with ``.findings``, the reader's findings for that set, as text, and
    ``.to_pandas()``). Raises :class:`X12Error` where the reader stops.
    """
    for text, findings in _x12.SetIterator(_source(source)):
        yield TransactionSet(json.loads(text), findings)


class Unit(bytes):
    """One transaction set with its envelope (ISA + GS + ST..SE): a
    self-contained interchange any x12 call accepts. Attributes: ``sequence``
    (0-based), ``offset`` (input byte offset of the ST), ``segment_index``
    (1-based input index of the ST), ``segments``, ``complete`` (closed by its
    SE), ``set_begin`` (where the ST starts in the unit)."""

    sequence: int
    offset: int
    segment_index: int
    segments: int
    complete: bool
    set_begin: int

    def __new__(cls, data: bytes, meta: Dict[str, Any]) -> "Unit":
        self = super().__new__(cls, data)
        for k, v in meta.items():
            setattr(self, k, v)
        return self

    def __reduce__(self):  # picklable for Dask
        meta = {k: getattr(self, k) for k in ("sequence", "offset", "segment_index", "segments", "complete", "set_begin")}
        return (Unit, (bytes(self), meta))


def split(source: Source) -> Iterator[Unit]:
    """Self-contained transaction-set units (``syntax::Splitter``), the unit
    of distribution, in input order. Segments outside ST..SE (the envelope)
    are in no unit."""
    for data, meta in _x12.UnitIterator(_source(source)):
        yield Unit(data, meta)


def build_claims(
    encounters: Union[str, bytes, "os.PathLike[str]", List[Dict[str, Any]]],
    practice: Union[str, bytes, "os.PathLike[str]", Dict[str, Any]],
    authorizations: Union[None, str, bytes, "os.PathLike[str]", List[Dict[str, Any]], Dict[str, Any]] = None,
    consents: Union[None, str, bytes, "os.PathLike[str]", Dict[str, Any]] = None,
    as_of: Optional[str] = None,
) -> BuildResult:
    """Codes encounters into 837P claims (``x12 claims``; docs/encounters.md).

    Each argument is a path to a JSON file, JSON text, or the decoded Python
    objects. ``as_of`` (``YYYY-MM-DD``, default today) dates timely filing.
    Returns a :class:`BuildResult`: ``x837`` (the 837P bytes), ``claims``
    (the 837P read back, docs/json.md), ``holds`` (held encounters and their
    reasons), ``authorizations`` (the units left, when given).
    """
    out = _x12.build_claims(
        _text(encounters),
        _text(practice),
        None if authorizations is None else _text(authorizations),
        as_of,
        None if consents is None else _text(consents),
    )
    sets = list(read(out["x837"]))
    return BuildResult(out, sets)


def post(
    remittances: Union[Source, Sequence[Source]],
    claims: Union[Source, Sequence[Source]],
    db: Union[str, "os.PathLike[str]"] = "",
    *,
    appeal_days: int = 90,
    jobs: int = 1,
) -> Postings:
    """Posts 835 remittances against submitted 837P claims (``x12 post``).

    ``db``: the SQLite ledger (created when absent); empty for a temporary
    one. ``jobs``: worker threads matching the 835s (``x12 post --jobs``;
    the postings are the same for any number). Returns :class:`Postings`,
    one per 835 transaction set in input
    order (docs/json.md "x12 post"), with ``.to_pandas()``,
    ``.claims_frame()``, ``.lines_frame()``, ``.adjustments_frame()``.
    """
    def many(v):
        if isinstance(v, (list, tuple)):
            return [_source(x) for x in v]
        return [_source(v)]

    text = _x12.post(many(remittances), many(claims), os.fspath(db), appeal_days, jobs)
    return Postings(json.loads(text))


def _ledger_exists(db: Union[str, "os.PathLike[str]"]) -> None:
    if not os.path.isfile(db):
        e = X12Error(f"the ledger {os.fspath(db)} does not exist")
        e.code, e.errno_value, e.offset = "file_unreadable", 1, 0
        raise e


def denials(db: Union[str, "os.PathLike[str]"]) -> Denials:
    """The denials worklist of a ledger (``x12 denials --format json``)."""
    _ledger_exists(db)
    return Denials(json.loads(_x12.denials(os.fspath(db))))


def aging(db: Union[str, "os.PathLike[str]"], as_of: Optional[str] = None) -> Aging:
    """Unpaid submitted claims by age (``x12 aging --format json``)."""
    _ledger_exists(db)
    return Aging(json.loads(_x12.aging(os.fspath(db), as_of)))
