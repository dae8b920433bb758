"""Exercise 02: one suite, two backends (reference solution)."""

import anyio
import httpx
import pytest

from main import app

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return request.param


async def get(path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get(path)


@pytest.mark.task(1)
async def test_health() -> None:
    response = await get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "up"}


@pytest.mark.task(1)
async def test_stock_adds_up_every_warehouse() -> None:
    response = await get("/stock/mug")
    assert response.status_code == 200
    assert response.json() == {"sku": "mug", "total": 5, "warehouses": {"berlin": 3, "lyon": 2}}


@pytest.mark.task(2)
async def test_stock_reports_its_timing() -> None:
    response = await get("/stock/lamp")
    assert response.json()["total"] == 1
    assert response.headers["server-timing"].startswith("warehouses;dur=")


@pytest.mark.task(3)
async def test_stock_answers_within_a_second() -> None:
    with anyio.fail_after(1):
        response = await get("/stock/kettle")
    assert response.json()["total"] == 4


@pytest.mark.task(4)
async def test_unknown_sku() -> None:
    response = await get("/stock/teapot")
    assert response.status_code == 404
    assert response.json() == {"detail": "Unknown SKU"}


# Added for the golden case: on trio, anyio waits for a test in guest mode, where an alarm
# alone cannot stop it (awaited.timeouts). Each must fail with the time-limit message.
@pytest.mark.task(4)
async def test_waits_forever() -> None:
    await anyio.Event().wait()


@pytest.mark.task(4)
async def test_never_awaits() -> None:
    while True:
        pass
