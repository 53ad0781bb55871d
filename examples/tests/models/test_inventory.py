import time


def test_stock_count():
    time.sleep(0.15)


def test_restock():
    time.sleep(0.175)


def test_reserve():
    time.sleep(0.05)
