import pytest
from fastapi.testclient import TestClient
from starlette.testclient import WebSocketDenialResponse
from starlette.websockets import WebSocketDisconnect

from main import app


# --8<-- [start:query]
def test_a_valid_token_gets_the_feed_then_a_close_code() -> None:
    client = TestClient(app)

    with client.websocket_connect("/feed?token=secret-ada") as websocket:
        assert websocket.receive_json() == {"hello": "ada"}
        with pytest.raises(WebSocketDisconnect) as closed:
            websocket.receive_json()  # the server has closed: receiving raises

    assert (closed.value.code, closed.value.reason) == (4000, "feed over")


def test_an_unknown_token_is_refused() -> None:
    client = TestClient(app)

    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect("/feed?token=guess"),
    ):
        pass  # never reached: the handshake itself raises

    assert (refused.value.code, refused.value.reason) == (1008, "unknown token")
    # --8<-- [end:query]


# --8<-- [start:header]
def test_a_header_logs_in() -> None:
    client = TestClient(app)
    headers = {"Authorization": "Bearer secret-ada"}

    with client.websocket_connect("/inbox", headers=headers) as websocket:
        assert websocket.receive_text() == "inbox of ada"


def test_websocket_exception_closes_with_its_code() -> None:
    client = TestClient(app)

    with pytest.raises(WebSocketDisconnect) as refused, client.websocket_connect("/inbox"):
        pass

    assert (refused.value.code, refused.value.reason) == (1008, "log in first")


def test_http_exception_becomes_an_http_response() -> None:
    client = TestClient(app)

    with pytest.raises(WebSocketDenialResponse) as denied, client.websocket_connect("/outbox"):
        pass

    assert denied.value.status_code == 401
    assert denied.value.json() == {"detail": "log in first"}
    # --8<-- [end:header]
