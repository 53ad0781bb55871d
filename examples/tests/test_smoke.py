def test_imports():
    import tests.api  # noqa: F401


def test_arithmetic():
    assert 1 + 1 == 2
