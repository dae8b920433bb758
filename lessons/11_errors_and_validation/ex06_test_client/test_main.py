import pytest
from fastapi.testclient import TestClient

from main import app


# --8<-- [start:default]
def test_the_error_reaches_the_test() -> None:
    client = TestClient(app)

    with pytest.raises(RuntimeError, match="reports-db"):
        client.get("/reports/1")
    # --8<-- [end:default]


# --8<-- [start:no_raise]
def test_without_raising_the_client_gets_the_500() -> None:
    client = TestClient(app, raise_server_exceptions=False)

    response = client.get("/reports/1")

    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    # --8<-- [end:no_raise]
