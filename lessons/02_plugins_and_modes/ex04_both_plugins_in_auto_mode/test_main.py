import asyncio

import httpx

from main import app


def running_on_asyncio() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:  # no asyncio loop here: some other library drives this coroutine
        return False
    return True


async def test_health(anyio_backend: str) -> None:  # unmarked: auto mode decides who runs it
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/health")
    assert response.status_code == 200
    assert running_on_asyncio() == (anyio_backend == "asyncio"), "not on the backend in the id"
