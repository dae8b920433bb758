from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import app, outbox


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    outbox.clear()
    yield
    outbox.clear()


# --8<-- [start:has_run]
def test_welcome_email_is_sent() -> None:
    client = TestClient(app)

    response = client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 202
    assert outbox == ["Welcome aboard, ada@example.com!"]  # no waiting here either
    # --8<-- [end:has_run]


# --8<-- [start:stream]
def test_streamed_response_arrives_before_the_task_runs() -> None:
    client = TestClient(app)

    with client.stream("POST", "/signups", json={"email": "ada@example.com"}) as response:
        assert response.status_code == 202
        assert outbox == []  # status and headers are here; the app waits for us to read
        response.read()  # reads to the end of the stream: the app returns first
        assert outbox == ["Welcome aboard, ada@example.com!"]
    # --8<-- [end:stream]
