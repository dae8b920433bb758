from fastapi.testclient import TestClient

from main import app


def test_echo() -> None:
    client = TestClient(app)

    with client.websocket_connect("/echo") as websocket:
        websocket.send_text("hello")
        assert websocket.receive_text() == "echo: hello"  # passes; the `with` line fails
