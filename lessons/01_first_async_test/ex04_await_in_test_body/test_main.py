import httpx
import pytest

from main import app, store


@pytest.mark.asyncio
async def test_store_keeps_a_note() -> None:
    note_id = await store.add("water the plants")  # async code, called directly

    assert await store.get(note_id) == "water the plants"


@pytest.mark.asyncio
async def test_api_returns_a_stored_note() -> None:
    note_id = await store.add("buy oat milk")  # arrange through the async store...

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get(f"/notes/{note_id}")  # ...then act through the API

    assert response.status_code == 200
    assert response.json() == {"id": note_id, "text": "buy oat milk"}
