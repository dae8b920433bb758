"""Exercise 02: one suite, two backends.

These tests do not run yet, and even once they do, they only ever run on asyncio. Repair
them so that they pass against the app in main.py on asyncio AND on trio, and fail against
every broken copy of it. Check your work with `awaited check 02`.
"""

import asyncio

import httpx
import pytest

from main import app

# Task 1: this repo runs pytest-asyncio in strict mode, so no test below runs yet.
# TODO: hand every test in this module to anyio's plugin with one line, right here.


# Task 2: the backends that every anyio test in this module runs on.
@pytest.fixture
def anyio_backend() -> str:
    # TODO: asyncio only, so app code that breaks on trio slips through. Run every test
    #       once on "asyncio" and once on "trio".
    return "asyncio"


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


# Task 3: the test's own deadline.
@pytest.mark.task(3)
async def test_stock_answers_within_a_second() -> None:
    # TODO: asyncio.timeout only works on asyncio. Use anyio's deadline instead.
    async with asyncio.timeout(1):
        response = await get("/stock/kettle")
    assert response.json()["total"] == 4


# Task 4: an SKU that no warehouse stocks.
# TODO: write `test_unknown_sku`, marked with `@pytest.mark.task(4)`: ask for an SKU that
#       no warehouse has and check both the status code and the error body.
