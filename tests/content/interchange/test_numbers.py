"""Credits and tolerances as the formats write them, read back exactly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.interchange.numbers import decimal, from_percent, is_number, midpoint, percent


@pytest.mark.parametrize("fraction, written", [(1.0, "100"), (0.3333333, "33.33333"), (-0.5, "-50"), (0.0, "0"), (0.05, "5")])
def test_a_credit_is_written_as_moodle_writes_it(fraction, written):
    assert percent(fraction) == written


@given(st.floats(-1, 1, allow_nan=False))
def test_a_written_credit_reads_back_as_the_same_float(fraction):
    assert from_percent(percent(fraction)) == fraction


@given(st.floats(0, 1e9, allow_nan=False))
def test_a_decimal_has_no_exponent_and_reads_back_exactly(value):
    assert "e" not in decimal(value) and float(decimal(value)) == value


def test_a_range_is_its_middle_and_the_tolerance_that_reaches_both_ends():
    assert midpoint("1", "5") == ("3", 2.0)
    assert midpoint("1.5", "2") == ("1.75", 0.25)


@pytest.mark.parametrize("text", ["inf", "nan", "1_000", "0x10", "", "1.2.3", "one"])
def test_what_float_would_take_but_no_format_writes_is_not_a_number(text):
    assert not is_number(text)
    with pytest.raises(ValueError):
        from_percent(text)
