import time

import pytest


@pytest.fixture(scope="session")
def app():
    """Stands in for an application that is slow to start: paid once per shard."""
    time.sleep(0.1)
    return {"name": "example"}
