"""Why a contract counts or not, in words for people (scoring model, section 5).

:func:`status_label` is the short text of a table cell; :func:`explain_result` the sentence
of its tooltip, naming the rule (and the rule-set parameter) that decided.
"""

from __future__ import annotations

import datetime as dt

from jsswhatif.core.engine import ContractResult, Status
from jsswhatif.core.rules import RuleSet
from jsswhatif.core.scoring import inactivity_date

_LABELS = {
    "ended": "Counted: ended",
    "inactive_as_ended": "Counted: inactive, as ended",
    "long_term_active": "Counted: long-term",
    "not_started": "Not started",
    "excluded_by_user": "Excluded by you",
    "client_flagged": "Client flagged",
    "excluded_zero_positive": "Not counted: $0, positive",
    "excluded_zero_no_feedback": "Not counted: $0, no feedback",
    "excluded_no_feedback": "Not counted: no feedback",
    "open_pending": "Open: not counted yet",
}

_VALUE_WORDS = {1: "positive", 0: "neutral", -1: "negative"}


def status_label(result: ContractResult, rules: RuleSet | None = None) -> str:
    """Short words for a table cell, e.g. ``Counted: ended`` or ``Not counted: no feedback``.

    Given the rule set that decided, an open contract that no passing time can make count
    says what would: ``Open: counts once ended or long-term`` (upwork-2024-09, where an
    unpaid open contract never counts as ended) or ``Open: counts only once ended``. "Not
    counted yet" is kept for rule sets under which inactivity alone makes it count.
    """
    if result.outcome is not None:
        return _LABELS[result.outcome.reason]
    if result.status == "open_pending" and rules is not None:
        return _pending_label(rules)
    return _LABELS[result.status]


def _pending_label(rules: RuleSet) -> str:
    if rules.open_inactive == "as_ended":
        return _LABELS["open_pending"]
    if rules.open_long_term == "counted":
        return "Open: counts once ended or long-term"
    return "Open: counts only once ended"


#: Statuses of contracts that do not count because they have no feedback (not the user's
#: choice): the summary counts them apart from those the user excluded.
NO_FEEDBACK_STATUSES: frozenset[Status] = frozenset(
    {"excluded_no_feedback", "excluded_zero_no_feedback"}
)


def value_words(value: int | None) -> str:
    """``positive``, ``neutral``, ``negative`` or ``no feedback`` for a class or value."""
    return "no feedback" if value is None else _VALUE_WORDS[value]


def _day(when: dt.date) -> str:
    return when.isoformat()


def explain_result(result: ContractResult, rules: RuleSet, computed_on: dt.date) -> str:  # noqa: PLR0911 (a sentence per status)
    """One or two sentences naming the rule that decided this contract at ``computed_on``.

    Example: ``Counted as neutral (weight 1.25 jobs): the contract ended on 2026-06-28 and
    its feedback is neutral.``
    """
    contract, outcome = result.contract, result.outcome
    feedback = value_words(result.feedback)
    if contract.disputed and rules.dispute_is_negative and result.feedback == -1:
        feedback = "negative because of the dispute (dispute_is_negative)"
    if outcome is not None:
        jobs = "job" if outcome.weight == 1 else "jobs"
        head = f"Counted as {_VALUE_WORDS[outcome.value]} (weight {outcome.weight} {jobs}): "
        if outcome.reason == "long_term_active":
            return head + (
                f"an open long-term contract paid for at least {rules.long_term_min_days} days "
                f"with a payment in the last {rules.long_term_payment_gap_days} days counts as "
                f"of {_day(computed_on)} (open_long_term = counted); positive unless interim "
                "feedback or a dispute says otherwise."
            )
        if outcome.reason == "ended":
            ended = _day(outcome.date)
            return head + f"the contract ended on {ended} and its feedback is {feedback}."
        return head + (
            f"no payment for {rules.inactive_after_days} days, so it counts as ended on "
            f"{_day(outcome.date)} (open_inactive = as_ended); feedback: {feedback}."
        )
    match result.status:
        case "not_started":
            return f"Not counted: the contract starts on {_day(contract.start)}."
        case "excluded_by_user":
            return "Not counted: you marked it as excluded by Upwork."
        case "client_flagged":
            return "Not counted: the client was flagged or suspended; Upwork drops its outcomes."
        case "excluded_zero_positive":
            return (
                f"Not counted: {_inactive_prefix(result, rules)}nothing was earned and the "
                "feedback is positive; Upwork excludes such contracts since March 2020 "
                "(zero_earnings_positive = excluded)."
            )
        case "excluded_zero_no_feedback":
            return (
                f"Not counted: {_inactive_prefix(result, rules)}nothing was earned and there is "
                "no feedback (zero_earnings_no_feedback = excluded)."
            )
        case "excluded_no_feedback":
            ended = (
                "the contract ended without feedback"
                if result.basis != "inactive_as_ended"
                else _inactive_prefix(result, rules).removesuffix("; ") + ", without feedback"
            )
            return (
                f"Not counted: {ended}, and contracts without feedback are excluded under this "
                "rule set (no_feedback = excluded)."
            )
    return _pending_words(result, rules, computed_on)


def _inactive_prefix(result: ContractResult, rules: RuleSet) -> str:
    """For an open contract judged as ended through inactivity, how; else nothing."""
    if result.basis != "inactive_as_ended" or result.basis_date is None:
        return ""
    return (
        f"the contract is open but had no payment for {rules.inactive_after_days} days, so it "
        f"counts as ended on {_day(result.basis_date)} (open_inactive = as_ended); "
    )


def _pending_words(result: ContractResult, rules: RuleSet, computed_on: dt.date) -> str:
    contract = result.contract
    if rules.open_inactive == "as_ended":
        text = "Not counted yet: the contract is open."
    else:  # no passing time makes it count: say what would
        text = "Not counted: the contract is open; it counts once it ends."
    if rules.open_long_term == "counted":
        text += (
            f" It would count as long-term once paid over {rules.long_term_min_days} days with a "
            f"payment in the last {rules.long_term_payment_gap_days} days."
        )
    if rules.open_inactive == "as_ended":
        when = inactivity_date(contract.last_paid_at(computed_on) or contract.start, rules)
        text += f" Without a payment it counts as ended on {_day(when)} (inactivity)."
    else:
        text += " Open contracts without recent payments are not counted (open_inactive)."
    return text
