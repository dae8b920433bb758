import pytest
from fastapi.testclient import TestClient

from main import app


# --8<-- [start:default]
def test_default_client_raises_the_task_error() -> None:
    client = TestClient(app)

    with pytest.raises(ConnectionError, match="mail server refused"):
        client.post("/signups", json={"email": "ada@example.com"})
    # --8<-- [end:default]


# --8<-- [start:no_raise]
def test_without_raising_the_client_sees_the_response_that_was_sent() -> None:
    client = TestClient(app, raise_server_exceptions=False)

    response = client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 202
    assert response.json() == {"status": "accepted"}
    # --8<-- [end:no_raise]
