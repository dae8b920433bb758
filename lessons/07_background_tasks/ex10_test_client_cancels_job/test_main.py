from fastapi.testclient import TestClient

from main import app, reports


def test_the_job_is_cancelled_when_the_request_ends() -> None:
    client = TestClient(app)  # no `with`: every request gets an event loop of its own

    response = client.post("/reports/1")

    assert response.status_code == 202
    assert reports == {1: "cancelled"}  # that loop is gone, and the job went with it
