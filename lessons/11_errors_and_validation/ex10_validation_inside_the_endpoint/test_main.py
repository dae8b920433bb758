import httpx
import pytest
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# --8<-- [start:inside]
@pytest.mark.asyncio
async def test_v1_too_generous_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/v1/discounts", params={"code": "XMAS", "percent": 80})

    assert response.status_code == 422  # never reached: the line above raises
    # --8<-- [end:inside]


# --8<-- [start:declared]
@pytest.mark.asyncio
async def test_v2_too_generous_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.post("/v2/discounts", params={"code": "XMAS", "percent": 80})

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert (error["loc"], error["type"]) == (["query", "percent"], "less_than_equal")
    # --8<-- [end:declared]
