from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import app, lifespan_events


@pytest.fixture(autouse=True)
def no_events() -> Iterator[None]:
    lifespan_events.clear()
    yield
    lifespan_events.clear()


# --8<-- [start:with]
def test_with_block_runs_startup_and_shutdown() -> None:
    with TestClient(app) as client:
        assert lifespan_events == ["startup"]
        assert client.get("/rates/USD").json() == {"USD": 1.08}
        assert client.get("/base").json() == {"base": "EUR"}
    assert lifespan_events == ["startup", "shutdown"]  # the block's end ran the shutdown
    # --8<-- [end:with]


# --8<-- [start:without]
def test_without_with_there_is_no_lifespan() -> None:
    client = TestClient(app)
    with pytest.raises(AttributeError, match="'State' object has no attribute 'rates'"):
        client.get("/rates/USD")
    assert lifespan_events == []
    # --8<-- [end:without]
