"""Every rule-set parameter is documented, and the guesses of section 13 are marked."""

from __future__ import annotations

import doctest

import pytest

from jsswhatif.core import rule_docs
from jsswhatif.core.rule_docs import PARAMETERS, guessed_parameters
from jsswhatif.core.rules import PRESETS, RuleSet


def test_every_rule_set_field_is_documented() -> None:
    assert set(PARAMETERS) == set(RuleSet.model_fields)


def test_documentation_follows_the_field_order() -> None:
    assert list(PARAMETERS) == list(RuleSet.model_fields)


@pytest.mark.parametrize("name", list(PARAMETERS))
def test_each_entry_has_text(name: str) -> None:
    doc = PARAMETERS[name]
    assert doc.label
    assert doc.meaning.endswith(".")
    assert doc.statement
    assert doc.section.isdigit()
    assert bool(doc.guess) == doc.guessed
    if not doc.guessed:
        assert doc.guessed_in == ()


def test_the_unknowns_of_section_13_are_marked_guessed() -> None:
    unknowns = {
        "public_positive_min",
        "public_neutral_min",
        "private_positive_min",
        "private_neutral_min",
        "inactive_after_days",
        "earnings_tiers",
        "anchor",
        "effective_from",
        "trending",
    }
    assert unknowns <= set(guessed_parameters())


def test_guesses_depend_on_the_preset() -> None:
    assert "earnings_tiers" in guessed_parameters("upwork-2020-03")
    assert "earnings_tiers" not in guessed_parameters("upwork-2024-09")
    assert "trending" in guessed_parameters("upwork-2024-09")
    assert "trending" not in guessed_parameters("upwork-2020-11")
    assert "effective_from" in guessed_parameters("upwork-2023-12")
    assert "inactive_after_days" in guessed_parameters("upwork-2015")


def test_stated_facts_are_not_guessed() -> None:
    for name in ("windows", "formula", "min_clients", "cadence"):
        assert not PARAMETERS[name].guessed
        assert not PARAMETERS[name].guessed_for(None)


def test_guessed_in_names_real_presets() -> None:
    names = {preset.name for preset in PRESETS}
    for doc in PARAMETERS.values():
        assert set(doc.guessed_in) <= names


def test_docstring_examples() -> None:
    assert doctest.testmod(rule_docs).failed == 0
