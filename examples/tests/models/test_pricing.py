import time

import pytest


@pytest.mark.parametrize("qty,expected", [(1, 10), (2, 20), (10, 100)])
def test_price(qty, expected):
    time.sleep(0.05)
    assert qty * 10 == expected


def test_discount_slow():
    time.sleep(0.4)
