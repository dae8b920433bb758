from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import app, events


@pytest.fixture(autouse=True)
def no_events() -> Iterator[None]:
    events.clear()
    yield
    events.clear()


# --8<-- [start:echo]
def test_echo_json() -> None:
    client = TestClient(app)

    with client.websocket_connect("/echo") as websocket:
        websocket.send_json({"text": "hello"})
        assert websocket.receive_json() == {"echo": "hello", "length": 5}
        websocket.send_json({"text": "bye"})
        assert websocket.receive_json() == {"echo": "bye", "length": 3}
    # --8<-- [end:echo]


# --8<-- [start:leaving]
def test_leaving_the_block_closes_the_connection() -> None:
    client = TestClient(app)

    with client.websocket_connect("/echo"):
        assert events == ["accepted"]  # the handshake is done when the block starts

    assert events == ["accepted", "client left with code 1000"]  # the block sent a close
    # --8<-- [end:leaving]
