"""What every rule-set parameter means and which public statement it rests on (model, 12-13).

Plain data, no Qt: the rules dialog, the command line and the documentation all read
:data:`PARAMETERS`, a mapping from every :class:`~jsswhatif.core.rules.RuleSet` field name to
a :class:`ParameterDoc`. A parameter is *guessed* where Upwork never said what value it takes
(the unknowns listed at the end of section 13 of the scoring model); the application must
show such values as guesses.

Example:
    >>> PARAMETERS["inactive_after_days"].guessed
    True
    >>> PARAMETERS["earnings_tiers"].guessed_for("upwork-2024-09")
    False
"""

from __future__ import annotations

from dataclasses import dataclass

#: Presets whose rules predate the September 2024 update.
PRE_2024_PRESETS: tuple[str, ...] = (
    "upwork-2015",
    "upwork-2020-03",
    "upwork-2020-11",
    "upwork-2023-12",
)

_LAUNCH = "2015 launch (Upwork blog and community)"
_WHY = '"Why did my score change" (support article, 2020)'
_JOB_SIZE = "Job size announcement, effective 2020-03-01"
_NO_FEEDBACK = "No-feedback exclusion announcement, 2020-11-08"
_TRENDING = "Trending JSS announcement, 2021"
_DEC_2023 = "December 2023 update"
_SEP_2024 = "September 2024 update and Job Success insights"


@dataclass(frozen=True, slots=True)
class ParameterDoc:
    """Documentation of one rule-set parameter.

    Attributes:
        label: Short human name ("Inactivity delay").
        section: Section of the scoring model that defines it ("5").
        meaning: What the parameter does, in a sentence or two.
        statement: The public statement it rests on, with its source and date; for
            bookkeeping fields, why there is none.
        guessed: Whether some preset's value is a stated guess rather than a public fact.
        guess: What exactly is guessed ("" when nothing is).
        guessed_in: Presets whose value is the guess; empty with ``guessed`` means all.
    """

    label: str
    section: str
    meaning: str
    statement: str
    guessed: bool = False
    guess: str = ""
    guessed_in: tuple[str, ...] = ()

    def guessed_for(self, preset: str | None) -> bool:
        """Whether the value is a guess in the preset called ``preset`` (None: in any preset).

        For a custom rule set pass the preset it was copied from (``based_on``).
        """
        if not self.guessed:
            return False
        return preset is None or not self.guessed_in or preset in self.guessed_in


_THRESHOLD_GUESS = (
    "Upwork never published the star or private-score thresholds; these are the community's "
    "usual reading."
)

PARAMETERS: dict[str, ParameterDoc] = {
    "name": ParameterDoc(
        "Name",
        "12",
        'Shown beside every number: "estimated under rule set <name>".',
        "Bookkeeping: no public statement.",
    ),
    "based_on": ParameterDoc(
        "Based on",
        "12",
        "The preset a custom rule set was copied from; empty for a preset.",
        "Bookkeeping: no public statement.",
    ),
    "effective_from": ParameterDoc(
        "Effective from",
        "10",
        "The day a preset took effect; the rule set historical switches presets on it.",
        "The dates of the announcements listed in section 13.",
        guessed=True,
        guess="The exact day of the December 2023 change is not known (1 December is used).",
        guessed_in=("upwork-2023-12",),
    ),
    "cadence": ParameterDoc(
        "Update cadence",
        "9",
        "daily: the score is computed every day; biweekly: every 14 days from the anchor, and "
        "each day shows the latest update.",
        f"{_LAUNCH}: updated about every two weeks; {_SEP_2024}: daily updates.",
    ),
    "anchor": ParameterDoc(
        "Biweekly anchor",
        "9",
        "A day on which a biweekly update happened; updates fall every 14 days from it.",
        "No public statement: the update days were never published.",
        guessed=True,
        guess="The anchor date 2023-12-10 is a guess.",
    ),
    "windows": ParameterDoc(
        "Windows (months)",
        "8",
        "The rolling windows whose scores compete for the best, in months.",
        f"{_LAUNCH}: snapshots of 6, 12 and 24 months of history, the best of them shown.",
    ),
    "trending": ParameterDoc(
        "Trending score",
        "8",
        "Also compute the mean of the 3- and 6-month scores as a candidate for the best.",
        f'{_TRENDING}: four scores every two weeks, the highest shown, "not a new calculation".',
        guessed=True,
        guess="Whether trending survives the September 2024 update is not known (off is used).",
        guessed_in=("upwork-2024-09",),
    ),
    "formula": ParameterDoc(
        "Formula",
        "8",
        "net: 100 (positive - negative) / total weight; share: 100 positive / total weight.",
        f'{_LAUNCH}: "(successful contract outcomes - negative contract outcomes) / total '
        'outcomes".',
    ),
    "combine": ParameterDoc(
        "Combining feedback",
        "4",
        "private_first: the private answer decides when visible, else the public stars; "
        "worst_of: the worse of the visible classes.",
        f"{_LAUNCH}: private feedback weighs most; {_DEC_2023}: more emphasis on public feedback.",
    ),
    "public_positive_min": ParameterDoc(
        "Public positive from (stars)",
        "4",
        "Public stars at or above this count as a positive outcome.",
        "No public statement.",
        guessed=True,
        guess=_THRESHOLD_GUESS,
    ),
    "public_neutral_min": ParameterDoc(
        "Public neutral from (stars)",
        "4",
        "Public stars at or above this (and below the positive threshold) count as neutral; "
        "lower is negative.",
        "No public statement.",
        guessed=True,
        guess=_THRESHOLD_GUESS,
    ),
    "private_positive_min": ParameterDoc(
        "Private positive from (0-10)",
        "4",
        'A private "would recommend" answer at or above this counts as positive.',
        "No public statement.",
        guessed=True,
        guess=_THRESHOLD_GUESS,
    ),
    "private_neutral_min": ParameterDoc(
        "Private neutral from (0-10)",
        "4",
        "A private answer at or above this (and below the positive threshold) counts as "
        "neutral; lower is negative.",
        "No public statement.",
        guessed=True,
        guess=_THRESHOLD_GUESS,
    ),
    "dispute_is_negative": ParameterDoc(
        "Dispute is negative",
        "4",
        "A disputed contract counts as a negative outcome whatever its feedback.",
        f"{_LAUNCH}: negative contract outcomes count against the score.",
    ),
    "interim_feedback": ParameterDoc(
        "Mid-contract feedback",
        "4",
        "ignored: feedback left while a contract is still open never counts (a long-term "
        "contract then counts +1 unless disputed); counts: it is visible from its date, as "
        "version 1 of the model assumed. Once the contract ends, its feedback counts either way.",
        "Mid-contract feedback (support article): \"It will show on a freelancer or agency's "
        'Work History, but will not factor into their Job Success Score."',
        guessed=True,
        guess="Whether mid-contract feedback ever counted is not known.",
    ),
    "flagged_client": ParameterDoc(
        "Flagged clients",
        "5",
        "drop_all: a flagged or suspended client's contracts never count; drop_negative: only "
        "their negative outcomes are dropped, neutral and positive ones count.",
        'Flagged clients (FAQ): "their feedback will not count against your JSS".',
        guessed=True,
        guess="Whether a flagged client's positive feedback still counts is not known.",
    ),
    "no_feedback": ParameterDoc(
        "Ended without feedback",
        "5",
        "A paid contract that ended without feedback counts as neutral, or is excluded.",
        f"{_LAUNCH}: an excessive lack of feedback detracts; {_NO_FEEDBACK}: contracts that "
        "ended without feedback no longer count.",
    ),
    "zero_earnings_positive": ParameterDoc(
        "$0 with positive feedback",
        "5",
        "A contract that earned nothing but got positive feedback counts, or is excluded.",
        f"{_JOB_SIZE}: contracts with $0 earned and positive feedback are excluded.",
    ),
    "zero_earnings_no_feedback": ParameterDoc(
        "$0 without feedback",
        "5",
        "A contract that earned nothing and got no feedback counts as negative, as neutral, "
        "or is excluded.",
        f"{_WHY}: jobs with no earnings or no feedback become counted; {_SEP_2024}: contracts "
        "with no payment and no feedback do not count; community threads (before 2020-11): "
        "reported first scores of 75% and 63% fit neutral, not negative.",
        guessed=True,
        guess="Before 2020-11, neutral rather than negative rests on two freelancers' reports.",
        guessed_in=("upwork-2015", "upwork-2020-03"),
    ),
    "open_inactive": ParameterDoc(
        "Inactive open contracts",
        "5",
        "as_ended: an open contract without payment for the inactivity delay is treated as "
        "ended; not_counted: it stays pending.",
        f"{_LAUNCH}: contracts without activity detract; {_WHY}: counted once several months "
        "have passed since a payment.",
    ),
    "inactive_after_days": ParameterDoc(
        "Inactivity delay (days)",
        "5",
        "Days without payment after which an open contract counts as inactive.",
        f'{_WHY}: "several months" without payment.',
        guessed=True,
        guess="The exact delay was never published; 90 days is a guess.",
    ),
    "open_long_term": ParameterDoc(
        "Long-term active contracts",
        "5",
        "counted: an open contract paid recently over a long span counts as an outcome dated "
        "today; not_counted: it waits for its end.",
        f"{_SEP_2024}: eligible jobs include long-term contracts paid every 90 days.",
    ),
    "long_term_client_bonus": ParameterDoc(
        "Long-term client bonus",
        "7",
        "Each client with a long-term active contract adds one positive pseudo-outcome.",
        f"{_LAUNCH}: long-term relationships help and their absence does not hurt.",
    ),
    "long_term_min_days": ParameterDoc(
        "Long-term minimum span (days)",
        "5",
        "Payments must span at least this many days for a contract to be long-term.",
        f"{_SEP_2024}: long-term contracts paid every 90 days.",
    ),
    "long_term_payment_gap_days": ParameterDoc(
        "Long-term payment gap (days)",
        "5",
        "The latest payment of a long-term contract must be at most this many days old.",
        f"{_SEP_2024}: long-term contracts paid every 90 days; clients may leave feedback every "
        "90 days.",
    ),
    "weighting": ParameterDoc(
        "Weighting",
        "6",
        "unit: every outcome weighs one job; earnings_tiers: the weight depends on the amount "
        "earned.",
        f"{_JOB_SIZE}: weighting by job earnings; {_SEP_2024}: the tiers are published.",
    ),
    "earnings_tiers": ParameterDoc(
        "Earnings tiers",
        "6",
        "Weight of a contract by its earnings: each tier covers amounts up to its bound; the "
        "last has none.",
        f"{_SEP_2024}: $1-250 = 1 job, $251-1,000 = 1.25, above $1,000 = 1.5.",
        guessed=True,
        guess="The pre-2024 weighting function is unknown: the 2024 tiers are used.",
        guessed_in=PRE_2024_PRESETS,
    ),
    "length_bonus_days": ParameterDoc(
        "Length bonus period (days)",
        "6",
        "One extra job for every complete period of this many days that held a payment; 0 "
        "turns the bonus off.",
        f'{_JOB_SIZE}: "longer-term contracts hold more weight"; {_SEP_2024}: every three '
        "months of contract length with payment adds one job.",
        guessed=True,
        guess="The pre-2024 weighting function is unknown: the 2024 bonus is used.",
        guessed_in=PRE_2024_PRESETS,
    ),
    "weight_cap": ParameterDoc(
        "Weight cap (jobs)",
        "6",
        "No outcome weighs more than this many jobs.",
        f"{_SEP_2024}: up to a weight of 8.",
        guessed=True,
        guess="The pre-2024 weighting function is unknown: the 2024 cap is used.",
        guessed_in=PRE_2024_PRESETS,
    ),
    "min_outcomes": ParameterDoc(
        "Minimum outcomes",
        "8",
        "A window needs at least this many counted outcomes to have a score.",
        f"{_TRENDING}: enough qualifying outcomes in the window; {_DEC_2023}: JSS after 2 "
        "projects (before: at least 4).",
    ),
    "min_clients": ParameterDoc(
        "Minimum clients",
        "8",
        "A window needs outcomes from at least this many distinct clients to have a score.",
        f"{_NO_FEEDBACK}: minimum distinct clients lowered from 3 to 2; {_DEC_2023}: 2 unique "
        "clients.",
    ),
    "rounding": ParameterDoc(
        "Rounding",
        "9",
        "half_up: the best score rounded to the nearest integer, halves up; floor: rounded down.",
        "No public statement: Upwork shows whole percentages.",
    ),
}


def guessed_parameters(preset: str | None = None) -> tuple[str, ...]:
    """Names of the parameters whose value is a guess in ``preset`` (None: in any preset).

    Example:
        >>> "earnings_tiers" in guessed_parameters("upwork-2024-09")
        False
    """
    return tuple(name for name, doc in PARAMETERS.items() if doc.guessed_for(preset))
