"""Contracts, the input of the scoring model (scoring model, section 1).

A :class:`Contract` is a frozen record; an edit makes a new one with
``contract.model_copy(update=...)`` followed by :func:`make_contract` when the edit must be
validated again. Every violation of the model's rules is a :class:`ContractError` naming the
contract id, the field and the offending value; nothing is ever fixed silently.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from jsswhatif.core.domain import (
    FIRST_DATE,
    LAST_DATE,
    DomainAmount,
    DomainDate,
    amount_problem,
    bound_problem,
)

Kind = Literal["hourly", "fixed"]

#: The public star rating runs from 1 to 5; the private answer from 0 to 10 (section 1).
MIN_STARS, MAX_STARS = Decimal(1), Decimal(5)
MAX_PRIVATE = 10

#: The contract fields in the order of the contracts CSV (interfaces.md).
CONTRACT_FIELDS: tuple[str, ...] = (
    "id",
    "client",
    "title",
    "kind",
    "start",
    "end",
    "earnings",
    "last_paid",
    "public",
    "private",
    "feedback_date",
    "disputed",
    "client_flagged",
    "excluded",
    "payments",
)


class ContractError(ValueError):
    """A contract breaks a rule of the scoring model.

    Attributes:
        contract_id: The id of the offending contract ("" when unknown).
        field: The field that holds the offending value.
        value: The offending value.
        problem: What is wrong, in words ("must be on or after start 2026-03-01").
    """

    def __init__(self, contract_id: str, field: str, value: object, problem: str) -> None:
        self.contract_id = contract_id
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"contract {contract_id!r}: {field} {_show(value)} {problem}")


def _show(value: object) -> str:
    return "(empty)" if value is None or value == "" else repr(str(value))


class Payment(BaseModel):
    """One payment on a contract (from Upwork's transaction history), in USD.

    Attributes:
        date: The day it was paid, within the domain (:mod:`jsswhatif.core.domain`).
        amount: Exact, non-zero, of a size and decimals within the domain; negative for a
            refund.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: DomainDate
    amount: DomainAmount

    @field_validator("amount")
    @classmethod
    def _amount_non_zero(cls, value: Decimal) -> Decimal:
        if not value.is_finite() or value == 0:
            raise ValueError("must be a finite, non-zero amount")
        return value


class Contract(BaseModel):
    """One Upwork contract as the user knows it.

    Every date lies within the domain's dates and ``earnings`` within its amounts
    (:mod:`jsswhatif.core.domain`: 1990-01-01 to 2199-12-31, below $10^12 with at most 4
    decimals); a violation is a :class:`ContractError` naming the bound.

    Attributes:
        id: Stable key, unique within a document.
        client: Client name or id; distinct clients compare on ``strip().casefold()``.
        title: Informational.
        kind: ``hourly`` or ``fixed``; informational, no effect on the score.
        start: Contract start.
        end: End date, or None while the contract is open ("unended").
        earnings: Total gross USD paid, exact.
        last_paid: Date of the latest payment; may lie after the as-of date (planned work).
        public: Public star rating 1.0-5.0, exact, or None.
        private: Private "would recommend" answer 0-10, or None.
        feedback_date: When feedback was left; None means "at the end".
        disputed: The contract went to dispute.
        client_flagged: The client was flagged or suspended.
        excluded: The user knows Upwork excludes this contract.
        payments: The contract's payments when known, sorted by date (stable); then
            ``earnings`` and ``last_paid`` are derived from them (section 1).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    client: str
    title: str = ""
    kind: Kind = "hourly"
    start: DomainDate
    end: DomainDate | None = None
    earnings: DomainAmount = Decimal(0)
    last_paid: DomainDate | None = None
    public: Decimal | None = None
    private: int | None = None
    feedback_date: DomainDate | None = None
    disputed: bool = False
    client_flagged: bool = False
    excluded: bool = False
    payments: tuple[Payment, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _derived_from_payments(cls, data: Any) -> Any:
        """With payments, ``earnings`` and ``last_paid`` are derived; given ones must agree."""
        if not isinstance(data, Mapping) or not data.get("payments"):
            return data
        if not isinstance(data["payments"], list | tuple):
            return data  # not a list: the field's own validation says so
        cid = str(data.get("id", ""))
        payments = []
        for entry in data["payments"]:
            try:
                payments.append(Payment.model_validate(entry))
            except ValidationError as exc:
                first = exc.errors()[0]
                field = ".".join(str(x) for x in first["loc"])
                message = bound_problem(first) or str(first["msg"]).removeprefix("Value error, ")
                raise ContractError(cid, "payments", entry, f"{field} {message}") from None
        payments.sort(key=lambda p: p.date)
        earnings, last_paid = payment_totals(payments)
        if earnings < 0:
            raise ContractError(cid, "payments", earnings, "must not sum below 0")
        too_large = amount_problem(earnings)
        if too_large is not None:
            raise ContractError(cid, "payments", earnings, f"sum to an amount that {too_large}")
        derived = {"earnings": earnings, "last_paid": last_paid}
        for name, value in derived.items():
            given = data.get(name)
            if given in (None, "") or _same(given, value):
                continue
            raise ContractError(
                cid, name, given, f"does not match the payments, which give {_show(value)}"
            )
        return {**data, **derived, "payments": tuple(payments)}

    @field_validator("id", "client")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value

    @field_validator("earnings")
    @classmethod
    def _earnings_finite(cls, value: Decimal) -> Decimal:
        if not value.is_finite():
            raise ValueError("must be a finite amount")
        if value < 0:
            raise ValueError("must be >= 0")
        return value

    @field_validator("public")
    @classmethod
    def _public_in_range(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (value.is_finite() and MIN_STARS <= value <= MAX_STARS):
            raise ValueError("must be within 1 and 5")
        return value

    @field_validator("private", mode="before")
    @classmethod
    def _private_integer(cls, value: Any) -> Any:
        if isinstance(value, bool) or (isinstance(value, float | Decimal) and value % 1 != 0):
            raise ValueError("must be an integer within 0 and 10")
        return value

    @field_validator("private")
    @classmethod
    def _private_in_range(cls, value: int | None) -> int | None:
        if value is not None and not 0 <= value <= MAX_PRIVATE:
            raise ValueError("must be an integer within 0 and 10")
        return value

    @model_validator(mode="after")
    def _dates_and_payments(self) -> Contract:
        for payment in self.payments:
            if payment.date < self.start:
                problem = f"must be on or after start {self.start.isoformat()}"
                raise ContractError(self.id, "payments", payment.date, problem)
        for name in ("end", "last_paid", "feedback_date"):
            when = getattr(self, name)
            if when is not None and when < self.start:
                raise ContractError(
                    self.id, name, when, f"must be on or after start {self.start.isoformat()}"
                )
        if self.earnings == 0 and self.last_paid is not None and not self.payments:
            raise ContractError(
                self.id, "last_paid", self.last_paid, "must be empty when earnings are 0"
            )
        return self

    @cached_property
    def payment_days(self) -> tuple[dt.date, ...]:
        """The days whose payments sum to more than 0, ascending (section 1)."""
        return positive_payment_days(self.payments)

    def latest_payment_at(self, t: dt.date) -> dt.date | None:
        """The latest positive payment day on or before t, or None (contracts with payments)."""
        days = self.payment_days
        k = bisect.bisect_right(days, t)
        return days[k - 1] if k else None

    def last_paid_at(self, t: dt.date) -> dt.date | None:
        """The latest payment as of t that the long-term and inactivity rules use (section 5).

        With payments, :meth:`latest_payment_at`; without, ``paid_through_at(t)`` (the
        regular-payment assumption). None when nothing was paid by t, or nothing was earned
        (a fully refunded contract follows the $0 rules: its inactivity runs from ``start``).
        """
        if self.earnings == 0:
            return None
        if self.payments:
            return self.latest_payment_at(t)
        return self.paid_through_at(t)

    @property
    def client_key(self) -> str:
        """The client as compared for distinct-client counts (trimmed, case-folded)."""
        return client_key(self.client)

    @property
    def paid_through(self) -> dt.date | None:
        """Date up to which the contract was paid: last_paid, else end, else start.

        None when nothing was earned.
        """
        if self.earnings == 0:
            return None
        return self.last_paid or self.end or self.start

    def paid_through_at(self, t: dt.date) -> dt.date | None:
        """``min(paid_through, t)``: a planned last payment after t means "paid up to t"."""
        through = self.paid_through
        return None if through is None else min(through, t)


def positive_payment_days(payments: Iterable[Payment]) -> tuple[dt.date, ...]:
    """The days whose amounts sum to more than 0, ascending."""
    by_day: dict[dt.date, Decimal] = {}
    for payment in payments:
        by_day[payment.date] = by_day.get(payment.date, Decimal(0)) + payment.amount
    return tuple(sorted(day for day, amount in by_day.items() if amount > 0))


def payment_totals(payments: Iterable[Payment]) -> tuple[Decimal, dt.date | None]:
    """``(earnings, last_paid)`` derived from payments: their sum and the latest positive day.

    Example:
        >>> pays = [Payment(date="2026-01-05", amount="500"), Payment(date="2026-02-05",
        ...         amount="-100")]
        >>> payment_totals(pays)
        (Decimal('400'), datetime.date(2026, 1, 5))
    """
    payments = tuple(payments)
    days = positive_payment_days(payments)
    return sum((p.amount for p in payments), Decimal(0)), (days[-1] if days else None)


def _same(given: object, derived: object) -> bool:
    """Whether a given ``earnings`` or ``last_paid`` (in any accepted form) equals the derived."""
    if isinstance(derived, Decimal):
        try:
            return Decimal(str(given)) == derived
        except ArithmeticError:
            return False
    if isinstance(derived, dt.date):
        return str(given) == derived.isoformat()
    return given == derived


@lru_cache(maxsize=65536)
def client_key(client: str) -> str:
    """``client.strip().casefold()``, remembered: scoring compares the same names thousands of
    times per evaluation.
    """
    return client.strip().casefold()


def make_contract(**data: Any) -> Contract:
    """Build and validate a contract, turning every violation into a :class:`ContractError`.

    Example:
        >>> make_contract(id="c1", client="Acme", start="2026-01-05").earnings
        Decimal('0')
    """
    try:
        return Contract.model_validate(data)
    except ValidationError as exc:
        raise _contract_error(data, exc) from None


#: What :func:`contract_from_json` accepts: a date as ``YYYY-MM-DD``; an amount as digits (no
#: leading zero, at most 12: below the domain's limit) with at most 4 decimals.
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z").match
_PLAIN_AMOUNT = re.compile(r"(?:0|[1-9][0-9]{0,11})(?:\.[0-9]{1,4})?\Z").match
#: The fields this fast path knows, with their defaults (``_REQUIRED`` for none), in the
#: model's order; a model with other fields is left to pydantic.
_REQUIRED = object()
_PLAIN_FIELDS: dict[str, Any] = {
    name: _REQUIRED if field.is_required() else field.default
    for name, field in Contract.model_fields.items()
}
_PLAIN = tuple(_PLAIN_FIELDS) == CONTRACT_FIELDS
_KINDS = frozenset({"hourly", "fixed"})
_DATE_FIELDS = ("start", "end", "last_paid", "feedback_date")
_from_iso = dt.date.fromisoformat
_set_attribute = object.__setattr__


def contract_from_json(data: Mapping[str, Any]) -> Contract | None:
    """The contract a saved document's JSON object ``data`` holds, made without pydantic;
    None when ``data`` is not in the plain form this reads (then :func:`make_contract` says).

    Validating the 10,000 contracts of a document through pydantic took 140 ms of opening it
    (issue 14); this takes about half. It reads what a saved document holds: dates as
    ``YYYY-MM-DD`` strings, amounts and stars as plain decimal strings, no payments. It
    accepts nothing :func:`make_contract` refuses, and makes the same contract (equal fields,
    the same fields set); anything else, valid or not, gives None.

    Example:
        >>> contract_from_json({"id": "c1", "client": "Acme", "start": "2026-01-05"}).start
        datetime.date(2026, 1, 5)
        >>> contract_from_json({"id": "c1", "client": "Acme", "start": "5 Jan 2026"}) is None
        True
    """
    if not _PLAIN or not data.keys() <= _PLAIN_FIELDS.keys():
        return None
    fields = _PLAIN_FIELDS.copy()  # the model's field order, then the given values
    fields.update(data)
    plain = _plain_others(fields) and _plain_dates(fields)
    if not (plain and _plain_amounts(fields, "earnings" in data)):
        return None
    fields["payments"] = ()
    return unchecked_contract(fields, set(data))


def unchecked_contract(
    fields: dict[str, Any], fields_set: set[str], kind: type[Contract] = Contract
) -> Contract:
    """The contract of ``fields`` (every field, in the model's order), made as pydantic makes
    a model, without validating: for fields already known valid.

    ``fields_set`` is what pydantic's ``model_fields_set`` gives: the fields given, not
    defaulted. ``fields`` becomes the contract's own (it must not be changed after).
    """
    contract = kind.__new__(kind)
    _set_attribute(contract, "__dict__", fields)
    _set_attribute(contract, "__pydantic_fields_set__", fields_set)
    _set_attribute(contract, "__pydantic_extra__", None)
    _set_attribute(contract, "__pydantic_private__", None)
    return contract


def _plain_others(fields: dict[str, Any]) -> bool:
    """Whether the texts, kind, private score, flags and payments (none) are valid as given."""
    cid, client, title, kind = fields["id"], fields["client"], fields["title"], fields["kind"]
    private = fields["private"]
    return (
        type(cid) is str
        and type(client) is str
        and type(title) is str
        and bool(cid.strip() and client.strip())
        and type(kind) is str
        and kind in _KINDS
        and (private is None or (type(private) is int and 0 <= private <= MAX_PRIVATE))
        and type(fields["disputed"]) is bool
        and type(fields["client_flagged"]) is bool
        and type(fields["excluded"]) is bool
        and (fields["payments"] == [] or fields["payments"] == ())
    )


def _plain_dates(fields: dict[str, Any]) -> bool:
    """Turn the dates of ``fields`` into dates; False when one is not plain, lies outside the
    domain or before ``start``."""
    start = None
    for name in _DATE_FIELDS:  # start first
        value = fields[name]
        if value is None and start is not None:
            continue
        if type(value) is not str or not _PLAIN_DATE(value):
            return False
        try:
            day = _from_iso(value)
        except ValueError:
            return False
        fields[name] = day
        start = start or day
        if not FIRST_DATE <= day <= LAST_DATE or day < start:
            return False
    return True


def _plain_amounts(fields: dict[str, Any], earnings_given: bool) -> bool:
    """Turn ``earnings`` (when given) and ``public`` into Decimals; False when one is not
    plain, the stars are not within 1 and 5, or a payment day comes with no earnings."""
    earnings, public = fields["earnings"], fields["public"]
    if earnings_given:
        if type(earnings) is not str or not _PLAIN_AMOUNT(earnings):
            return False
        fields["earnings"] = earnings = Decimal(earnings)
    if public is not None:
        if type(public) is not str or not _PLAIN_AMOUNT(public):
            return False
        fields["public"] = public = Decimal(public)
    return not (earnings == 0 and fields["last_paid"] is not None) and (
        public is None or MIN_STARS <= public <= MAX_STARS
    )


def _contract_error(data: Mapping[str, Any], exc: ValidationError) -> ContractError:
    first = exc.errors()[0]
    original = first.get("ctx", {}).get("error")
    if isinstance(original, ContractError):
        return original
    field = str(first["loc"][0]) if first["loc"] else "contract"
    value = data.get(field)
    message = bound_problem(first) or str(first["msg"]).removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "is required"
    elif first["type"] == "extra_forbidden":
        message = "is not a contract field"
    return ContractError(str(data.get("id", "")), field, value, message)


def check_unique_ids(contracts: Iterable[Contract]) -> None:
    """Raise :class:`ContractError` at the first id that repeats an earlier one."""
    seen: set[str] = set()
    for contract in contracts:
        if contract.id in seen:
            raise ContractError(contract.id, "id", contract.id, "is not unique")
        seen.add(contract.id)
