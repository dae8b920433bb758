import httpx
import pytest

from main import app


# --8<-- [start:default]
@pytest.mark.asyncio
async def test_the_handler_answers() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/reports/1")

    assert response.status_code == 500  # never reached: the line above raises
    # --8<-- [end:default]


# --8<-- [start:no_raise]
@pytest.mark.asyncio
async def test_the_500_hides_the_cause(caplog: pytest.LogCaptureFixture) -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/reports/1")

    assert response.status_code == 500
    assert response.json() == {"error": "internal", "detail": "Please retry"}
    assert "reports-db" not in response.text
    assert "reports-db:5432 refused" in caplog.text  # the cause went to the log instead
    # --8<-- [end:no_raise]
