"""Type hints for the dicts the package returns (docs/json.md)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

try:
    from typing import TypedDict
except ImportError:  # pragma: no cover
    from typing_extensions import TypedDict


class TriggerDict(TypedDict, total=False):
    offset: int
    segment_index: int
    set_position: int
    segment_id: str
    element: str
    loop: str


class FindingDict(TypedDict, total=False):
    """One finding, as ``x12 validate --format json`` prints it."""

    code: str
    severity: str  # "error", "warning", "info"
    offset: int
    segment_index: int
    set_position: int
    segment_id: str
    element: str
    loop: str
    reference: str
    ack_code: str
    message: str
    value: str  # only with show_values
    trigger: TriggerDict


class SetSummaryDict(TypedDict):
    id: str
    control: str
    reference: str
    guide: str
    offset: int
    segments: int
    status: str
    errors: int
    warnings: int


class ReportDict(TypedDict, total=False):
    """``x12 validate --format json``."""

    file: str
    segments: int
    errors: int
    warnings: int
    findings: List[FindingDict]
    transaction_sets: List[SetSummaryDict]
    stop: Dict[str, Any]


class TransactionSetDict(TypedDict, total=False):
    """One document of ``x12 json``: the set keys, then Claim837p's or
    Remittance835's keys, or ``segments`` for another set."""

    transaction_set: str
    control_number: str
    implementation: str
    envelope: Dict[str, List[str]]
    header: Dict[str, Any]
    submitter: Dict[str, Any]
    receiver: Dict[str, Any]
    billing_providers: List[Dict[str, Any]]
    payment: Dict[str, Any]
    trace: Dict[str, Any]
    payer: Dict[str, Any]
    payee: Dict[str, Any]
    header_numbers: List[Dict[str, Any]]
    provider_adjustments: List[Dict[str, Any]]
    segments: List[Dict[str, Any]]


class PostingDict(TypedDict, total=False):
    """One 835's posting (docs/json.md "x12 post")."""

    trace_number: str
    payer: str
    payer_id: str
    payment_amount: str
    payment_date: Optional[str]
    posted_total: str
    difference: str
    balanced: bool
    duplicate: bool
    claims: List[Dict[str, Any]]
    provider_adjustments: List[Dict[str, Any]]
    unmatched: List[str]


class DenialDict(TypedDict, total=False):
    payer: str
    payer_id: str
    trace_number: str
    patient_control_number: str
    payer_claim_control_number: str
    line_control_number: Optional[str]
    procedure: str
    full_denial: bool
    group: str
    reason: str
    description: str
    amount: str
    remarks: List[str]
    family: str
    next_step: str
    remittance_date: Optional[str]
    appeal_deadline: Optional[str]


class AgingDict(TypedDict):
    buckets: List[Dict[str, Any]]
    claims: List[Dict[str, Any]]
