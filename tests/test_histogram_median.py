"""Overzicht reads the median days to an answer off a histogram (value -> count) the database sends."""
import statistics

from hypothesis import given, strategies as st

from tracker.services.queries import histogram_median


@given(st.dictionaries(st.integers(-5, 400), st.integers(1, 50), min_size=1))
def test_the_histogram_median_is_the_median_of_the_values_it_counts(counts):
    values = [value for value, count in counts.items() for _ in range(count)]
    assert histogram_median(counts) == statistics.median(values)


def test_an_even_number_of_answers_takes_the_mean_of_the_middle_two():
    assert histogram_median({10: 1, 20: 1}) == 15
    assert histogram_median({3: 2, 9: 2}) == 6
    assert histogram_median({7: 4}) == 7
