"""Start every Python process of a test run on the day in KAMERTRACKER_TEST_TODAY (tests/conftest.py puts this
folder on PYTHONPATH then), so servers and commands the tests start see the same shifted clock as the tests."""
from tests_clock import travel_from_environment

travel_from_environment()
