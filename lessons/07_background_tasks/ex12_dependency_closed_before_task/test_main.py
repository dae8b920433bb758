import httpx
import pytest

from main import app, sessions


async def post(path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.post(path)


# --8<-- [start:default]
@pytest.mark.asyncio
async def test_default_scope_closes_the_session_after_the_task() -> None:
    response = await post("/orders")

    assert response.status_code == 202
    session = sessions[-1]
    assert session.saved == ["audit: order placed"]
    assert session.closed
    # --8<-- [end:default]


# --8<-- [start:function]
@pytest.mark.asyncio
async def test_function_scope_closes_the_session_before_the_task() -> None:
    response = await post("/refunds")

    assert response.status_code == 202
    # --8<-- [end:function]
