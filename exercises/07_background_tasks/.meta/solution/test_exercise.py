"""Exercise 07: background tasks (reference solution)."""

import asyncio

import httpx
import pytest
import pytest_asyncio

from main import app, outbox, reset, running_jobs, send_welcome


@pytest.fixture(autouse=True)
def clean_slate():
    reset()
    yield
    reset()


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_subscribe_sends_a_welcome(client):
    response = await client.post("/subscribers", json={"email": "ada@example.com", "name": "Ada"})

    # ASGITransport returns only once the app has returned, background tasks included.
    assert response.status_code == 202
    assert outbox == [{"to": "ada@example.com", "subject": "Welcome, Ada!"}]


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_send_welcome_once():
    await send_welcome("ada@example.com", "Ada")
    await send_welcome("ada@example.com", "Ada")

    assert outbox == [{"to": "ada@example.com", "subject": "Welcome, Ada!"}]


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_report_counts_subscribers(client):
    # Three subscribers: more than one page of PAGE_SIZE, and the last page not full.
    for name in ["Ada", "Grace", "Alan"]:
        subscriber = {"email": f"{name.lower()}@example.com", "name": name}
        await client.post("/subscribers", json=subscriber)

    started = await client.post("/reports")
    report_id = started.json()["report_id"]
    assert running_jobs, "the report job was never started"
    async with asyncio.timeout(1):
        await asyncio.gather(*running_jobs)

    response = await client.get(f"/reports/{report_id}")
    assert response.json() == {"status": "done", "subscribers": 3}
