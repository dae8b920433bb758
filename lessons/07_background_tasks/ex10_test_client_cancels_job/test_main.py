from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import app, reports


@pytest.fixture(autouse=True)
def no_reports() -> Iterator[None]:
    reports.clear()
    yield
    reports.clear()


# --8<-- [start:per_request]
def test_job_keeps_running_after_the_request() -> None:
    client = TestClient(app)  # no `with`: each request runs on an event loop of its own

    response = client.post("/reports/1")

    assert response.status_code == 202
    assert reports == {1: "building"}  # as it would be on a real server
    # --8<-- [end:per_request]


# --8<-- [start:with_block]
def test_job_keeps_running_after_the_with_block() -> None:
    with TestClient(app) as client:  # one event loop for the whole block
        client.post("/reports/1")

    assert reports == {1: "building"}
    # --8<-- [end:with_block]
