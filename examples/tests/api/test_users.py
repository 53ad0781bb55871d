import time

import pytest


def test_list_users(app):
    time.sleep(0.15)
    assert app["name"] == "example"


def test_create_user(app):
    time.sleep(0.1)


@pytest.mark.parametrize("name", ["ada", "grace hopper", "o'brien", "[bracketed]"])
def test_user_names(app, name):
    time.sleep(0.025)
    assert name
