import pytest


@pytest.mark.asyncio
async def test_create_note(client):
    response = await client.post("/notes", json={"title": "Buy milk"})
    assert response.status_code == 201


@pytest.mark.asyncio
async def test_a_new_test_starts_with_no_notes(client):
    response = await client.get("/notes")
    assert response.json() == []
