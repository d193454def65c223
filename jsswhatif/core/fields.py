"""Reading typed text as field values: one parser per kind of field.

The contracts CSV reader, the contracts table, the dialogs and the rule-set editors all read
text through these parsers, so the same text means the same value everywhere. The accepted
forms are the contracts CSV's (interfaces.md, "Contracts CSV"); where an editor used to be more
lenient, the CSV's rule holds (``1,2`` is no amount: thousands commas come in groups of three).

Every parser returns the value in the form :class:`~jsswhatif.core.contracts.Contract` keeps,
or raises :class:`FieldError` naming the problem and the text; callers that know more (the CSV
knows the file, row and column) wrap :attr:`FieldError.problem` in their own message. An empty
text means the field's default where the field has one. Dates and amounts must lie within the
domain of :mod:`jsswhatif.core.domain` (1990-01-01 to 2199-12-31; below $10^12 with at most 4
decimals): outside it is a :class:`FieldError` naming the bound.

Example:
    >>> parse_amount("$1,234.50"), parse_stars("4.50"), parse_private(" 9 ")
    (Decimal('1234.50'), Decimal('4.50'), 9)
    >>> try:
    ...     parse_amount("1,2")
    ... except FieldError as error:
    ...     print(error)
    '1,2' is not an amount like 1234.50 or $1,234.50
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal

from jsswhatif.core.contracts import MAX_PRIVATE, MAX_STARS, MIN_STARS, Kind, Payment
from jsswhatif.core.domain import amount_problem, date_problem

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_AMOUNT = re.compile(r"(-?)\$?(-?)((?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?)")
_DIGITS = re.compile(r"[0-9]+")
_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SIGNED_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_KINDS: dict[str, Kind] = {"hourly": "hourly", "fixed": "fixed"}
_BOOLEANS = dict.fromkeys(["true", "yes", "1"], True) | dict.fromkeys(
    ["false", "no", "0", ""], False
)
_PAYMENT_AMOUNT = "is not an amount like 500, $1,250.50 or -100 (a refund)"
#: The problem of a text that is no signed amount at all (not one outside the domain).
NOT_SIGNED_AMOUNT = "is not an amount like 500, -$4.13 or $1,250.50"
#: English month names, in full and abbreviated to three letters, lower-cased (not the locale's).
_MONTHS = {
    name[:size]: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
    for size in (3, len(name))
}  # fmt: skip
_WRITTEN_DATE = re.compile(r"([A-Za-z]+) +([0-9]{1,2}) *, *([0-9]{4})")
_UPWORK_DATE = "a date like Oct 2, 2026, October 2, 2026 or 2026-10-02"
#: Longest text a message quotes whole; longer text is cut to 57 characters and "...".
SHOWN_LENGTH = 60


class FieldError(ValueError):
    """A text is not a value of its field.

    Attributes:
        text: The text as given to the parser.
        problem: What is wrong, in words, without the text ("is not a real calendar day").
    """

    def __init__(self, text: str, problem: str) -> None:
        self.text = text
        self.problem = problem
        shown = text.strip()
        if len(shown) > SHOWN_LENGTH:
            shown = shown[: SHOWN_LENGTH - 3] + "..."
        super().__init__(f"{repr(shown) if shown else '(empty)'} {problem}")


def parse_client(text: str) -> str:
    """A client name, trimmed.

    Raises:
        FieldError: The text is blank.
    """
    if not text.strip():
        raise FieldError(text, "is blank: client is required")
    return text.strip()


def parse_kind(text: str) -> Kind:
    """``hourly`` or ``fixed``, trimmed and in any case; empty means ``hourly``.

    Raises:
        FieldError: Any other text.
    """
    try:
        return _KINDS[text.strip().lower() or "hourly"]
    except KeyError:
        raise FieldError(text, "is not a kind: hourly or fixed") from None


def parse_date(text: str) -> dt.date | None:
    """A date written exactly ``YYYY-MM-DD`` (after trimming); empty means none.

    Example:
        >>> parse_date(" 2026-03-01 "), parse_date("")
        (datetime.date(2026, 3, 1), None)

    Raises:
        FieldError: Another form (``2026-3-1``, ``20260301``), no real calendar day, or a day
            outside the domain (``9999-12-31``, a common "no end" placeholder).
    """
    stripped = text.strip()
    if not stripped:
        return None
    if not _DATE.fullmatch(stripped):
        raise FieldError(text, "is not a date YYYY-MM-DD")
    try:
        day = dt.date(int(stripped[:4]), int(stripped[5:7]), int(stripped[8:]))
    except ValueError:
        raise FieldError(text, "is not a real calendar day") from None
    problem = date_problem(day)
    if problem is not None:
        raise FieldError(text, problem)
    return day


def parse_upwork_date(text: str) -> dt.date:
    """A date as Upwork's transaction history writes it, trimmed; also ISO ``YYYY-MM-DD``.

    The month in English, abbreviated or in full and in any case, the day, a comma and a
    four-digit year: ``Oct 2, 2026``, ``October 2, 2026`` (upwork-exports.md, "Values").

    Example:
        >>> parse_upwork_date("Oct 2, 2026"), parse_upwork_date(" september 30, 2026 ")
        (datetime.date(2026, 10, 2), datetime.date(2026, 9, 30))

    Raises:
        FieldError: Empty, another form (``2/10/2026``, ``Sept 2, 2026``, ``Oct 2 2026``), or
            no real calendar day.
    """
    stripped = text.strip()
    if _DATE.fullmatch(stripped):
        date = parse_date(stripped)
        assert date is not None
        return date
    match = _WRITTEN_DATE.fullmatch(stripped)
    if match is None or match[1].lower() not in _MONTHS:
        raise FieldError(text, f"is not {_UPWORK_DATE}")
    try:
        return dt.date(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    except ValueError:
        raise FieldError(text, "is not a real calendar day") from None


def parse_amount(text: str) -> Decimal:
    """An amount in USD, kept exactly; empty means 0.

    Spaces are ignored; an optional leading ``$``; digits plain (``1234.5``) or in comma groups
    of exactly three (``1,234.50``); an optional ``.`` and decimals.

    Example:
        >>> parse_amount("$ 1,234.50"), parse_amount("1234.5"), parse_amount("")
        (Decimal('1234.50'), Decimal('1234.5'), Decimal('0'))

    Raises:
        FieldError: Another form (``1,2``, ``1e3``, ``1.234,50``, ``USD 5``), a negative
            amount, or one outside the domain (``1000000000000``, ``0.12345``).
    """
    compact = "".join(text.split())
    if not compact:
        return Decimal(0)
    match = _AMOUNT.fullmatch(compact)
    if match is None or (match[1] and match[2]):
        raise FieldError(text, "is not an amount like 1234.50 or $1,234.50")
    amount = Decimal(match[3].replace(",", ""))
    if (match[1] or match[2]) and amount:
        raise FieldError(text, "must be >= 0")
    problem = amount_problem(amount)
    if problem is not None:
        raise FieldError(text, problem)
    return amount


def parse_signed_amount(text: str) -> Decimal:
    """An amount that may be negative: :func:`parse_amount`'s forms after an optional ``-``.

    The sign comes first, before any ``$`` (``-$4.13``, ``-22.92``); ``$-4.13`` is no amount.
    The amount of a payment (``payments``) and of a row of Upwork's transaction history.

    Example:
        >>> parse_signed_amount("-$1,250.50"), parse_signed_amount(" $258.00 ")
        (Decimal('-1250.50'), Decimal('258.00'))

    Raises:
        FieldError: Empty, not an amount with an optional leading ``-``
            (:data:`NOT_SIGNED_AMOUNT`), or an amount outside the domain.
    """
    compact = "".join(text.split())
    body = compact.removeprefix("-")
    if not body or "-" in body or _AMOUNT.fullmatch(body) is None:
        raise FieldError(text, NOT_SIGNED_AMOUNT)
    try:
        amount = parse_amount(body)
    except FieldError as exc:  # the form is right: the amount lies outside the domain
        raise FieldError(text, exc.problem) from None
    # copy_negate is exact; unary minus would round to the context's 28 digits
    return amount.copy_negate() if compact.startswith("-") else amount


def parse_payments(text: str) -> tuple[Payment, ...]:
    """A contract's payments: ``DATE=AMOUNT`` entries separated by ``;``; empty means none.

    Spaces around entries are ignored. The date is written as :func:`parse_date` reads it; the
    amount as :func:`parse_amount` reads it, with an optional leading ``-`` for a refund
    (``-100``, ``-$1,250.50``; ``$-100`` is no amount). Entries may come in any order and dates
    may repeat; the payments are returned in the order written. Rules that involve other fields
    (dates on or after start, a sum of 0 or more) belong to
    :func:`~jsswhatif.core.contracts.make_contract`.

    Example:
        >>> payments = parse_payments(" 2026-02-05=$1,250.50 ; 2026-01-05=-100")
        >>> [(p.date.isoformat(), p.amount) for p in payments]
        [('2026-02-05', Decimal('1250.50')), ('2026-01-05', Decimal('-100'))]

    Raises:
        FieldError: An empty entry (``a;;b``, a trailing ``;``), whose text is the whole
            ``text``; or an entry without ``=``, with a bad or missing date or amount, or with a
            zero amount, whose text is that entry (trimmed).
    """
    if not text.strip():
        return ()
    entries = text.split(";")
    payments = []
    for number, raw in enumerate(entries, start=1):
        entry = raw.strip()
        if not entry:
            where = "at the end" if number == len(entries) > 1 else f"(entry {number})"
            raise FieldError(text, f"has an empty entry {where}: write DATE=AMOUNT between ';'")
        payments.append(_payment(entry))
    return tuple(payments)


def _payment(entry: str) -> Payment:
    """One ``DATE=AMOUNT`` entry, already trimmed."""
    date_text, equals, amount_text = entry.partition("=")
    if not equals:
        raise FieldError(entry, "is not a payment DATE=AMOUNT (like 2026-01-05=500)")
    try:
        date = parse_date(date_text)
    except FieldError as exc:
        raise FieldError(entry, f"has date {date_text.strip()!r}, which {exc.problem}") from None
    if date is None:
        raise FieldError(entry, "has no date before '=' (DATE=AMOUNT, like 2026-01-05=500)")
    compact = "".join(amount_text.split())
    if not compact:
        raise FieldError(entry, "has no amount after '=' (DATE=AMOUNT, like 2026-01-05=500)")
    try:
        amount = parse_signed_amount(compact)
    except FieldError as exc:
        shown = amount_text.strip()
        problem = _PAYMENT_AMOUNT if exc.problem == NOT_SIGNED_AMOUNT else exc.problem
        raise FieldError(entry, f"has amount {shown!r}, which {problem}") from None
    if not amount:
        raise FieldError(entry, f"has amount {amount_text.strip()!r}: a payment must not be 0")
    return Payment(date=date, amount=amount)


def format_payments(payments: Iterable[Payment]) -> str:
    """Payments as :func:`parse_payments` reads them: sorted by date (stable), amounts plain.

    Amounts keep their own digits, written without exponent, ``$`` or thousands commas; an
    empty text for no payments.

    Example:
        >>> pays = parse_payments("2026-03-01=-100;2026-01-05=500;2026-02-05=$1,250.50")
        >>> format_payments(pays)
        '2026-01-05=500;2026-02-05=1250.50;2026-03-01=-100'
    """
    ordered = sorted(payments, key=lambda payment: payment.date)
    return ";".join(f"{p.date.isoformat()}={format(p.amount, 'f')}" for p in ordered)


def parse_stars(text: str) -> Decimal | None:
    """A public star rating from 1 to 5, kept exactly (``4.50`` stays ``4.50``); empty: none.

    Example:
        >>> parse_stars("4.75"), parse_stars(" ")
        (Decimal('4.75'), None)

    Raises:
        FieldError: Not digits with an optional ``.`` fraction (``4,5``, ``.5``, ``1e0``), or
            outside 1 to 5.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if not _DECIMAL.fullmatch(stripped):
        raise FieldError(text, "is not a rating like 5 or 4.5")
    stars = Decimal(stripped)
    if not MIN_STARS <= stars <= MAX_STARS:
        raise FieldError(text, "must be within 1 and 5")
    return stars


def parse_private(text: str) -> int | None:
    """A private score, a whole number from 0 to 10; empty means none.

    Example:
        >>> parse_private("09"), parse_private("")
        (9, None)

    Raises:
        FieldError: Not digits only (``8.0``, ``-1``), or above 10.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if not _DIGITS.fullmatch(stripped):
        raise FieldError(text, "is not a whole number 0-10")
    digits = stripped.lstrip("0") or "0"
    if len(digits) > len(str(MAX_PRIVATE)) or int(digits) > MAX_PRIVATE:  # no int() of 1e4 digits
        raise FieldError(text, "must be an integer within 0 and 10")
    return int(digits)


def parse_boolean(text: str) -> bool:
    """``true``/``false``, ``yes``/``no`` or ``1``/``0``, trimmed, in any case; empty is false.

    Raises:
        FieldError: Any other text.
    """
    try:
        return _BOOLEANS[text.strip().lower()]
    except KeyError:
        raise FieldError(text, "is not true/false, yes/no or 1/0") from None


def parse_number(text: str) -> Decimal:
    """A decimal number, kept exactly: digits with an optional ``-`` and ``.`` fraction.

    For the parameters of a rule set (``1.25``, ``0.5``); no thousands commas, no exponent.

    Example:
        >>> parse_number(" 1.25 ")
        Decimal('1.25')

    Raises:
        FieldError: Another form, or empty.
    """
    stripped = text.strip()
    if not _SIGNED_DECIMAL.fullmatch(stripped):
        raise FieldError(text, "is not a number")
    return Decimal(stripped)


def parse_whole_number(text: str, unit: str = "") -> int:
    """A whole number written in digits (``12``), counting ``unit`` if given (for messages).

    Example:
        >>> parse_whole_number(" 24 ", "months")
        24

    Raises:
        FieldError: Not digits only, empty, or too long to read.
    """
    stripped = text.strip()
    what = f"a whole number of {unit}" if unit else "a whole number"
    if not _DIGITS.fullmatch(stripped):
        raise FieldError(text, f"is not {what}")
    try:
        return int(stripped)
    except ValueError:  # int() refuses more than 4,300 digits
        raise FieldError(text, f"is too long for {what}") from None
