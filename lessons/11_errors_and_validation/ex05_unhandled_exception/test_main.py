import httpx
import pytest

from main import app


# --8<-- [start:default]
@pytest.mark.asyncio
async def test_expects_a_500() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/reports/1")

    assert response.status_code == 500  # never reached: the line above raises
    # --8<-- [end:default]


# --8<-- [start:raises]
@pytest.mark.asyncio
async def test_the_error_reaches_the_test() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        with pytest.raises(RuntimeError, match="reports-db"):
            await client.get("/reports/1")
    # --8<-- [end:raises]


# --8<-- [start:no_raise]
@pytest.mark.asyncio
async def test_without_raising_the_client_gets_the_500() -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/reports/1")

    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    # --8<-- [end:no_raise]
