from collections.abc import AsyncIterator

import httpx
import pytest

from main import NoteStore, app, get_store


@pytest.mark.asyncio
async def test_add_note_with_a_fake_store() -> None:
    events: list[str] = []
    store = NoteStore()

    # --8<-- [start:override]
    async def fake_store() -> AsyncIterator[NoteStore]:
        events.append("opened")
        yield store
        events.append("closed")  # teardown of the override runs, as the real one's would

    app.dependency_overrides[get_store] = fake_store
    # --8<-- [end:override]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/notes", params={"text": "buy milk"})
    app.dependency_overrides.clear()

    assert response.status_code == 201
    assert store.notes == ["buy milk"]
    assert events == ["opened", "closed"]  # closed before the test got its response
