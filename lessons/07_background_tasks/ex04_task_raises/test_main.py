import httpx
import pytest

from main import app


# --8<-- [start:default]
@pytest.mark.asyncio
async def test_default_transport_raises_the_task_error() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 202  # never reached: the line above raises
    # --8<-- [end:default]


# --8<-- [start:no_raise]
@pytest.mark.asyncio
async def test_without_raising_the_client_sees_the_response_that_was_sent() -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 202  # not a 500: the response was out before the task ran
    assert response.json() == {"status": "accepted"}
    # --8<-- [end:no_raise]
