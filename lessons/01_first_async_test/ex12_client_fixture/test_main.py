import httpx
import pytest


@pytest.mark.asyncio
async def test_health(client: httpx.AsyncClient) -> None:
    response = await client.get("/health")

    assert response.json() == {"status": "up"}


# --8<-- [start:greeting]
@pytest.mark.asyncio
async def test_greeting(client: httpx.AsyncClient) -> None:
    response = await client.post("/greetings", json={"name": "Ada"})

    assert response.status_code == 201
    assert response.json() == {"message": "Hello, Ada!"}
    # --8<-- [end:greeting]


@pytest.mark.asyncio
async def test_greeting_needs_a_name(client: httpx.AsyncClient) -> None:
    response = await client.post("/greetings", json={})

    assert response.status_code == 422
