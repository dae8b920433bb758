import pytest


@pytest.mark.asyncio
async def test_create_note(client):
    created = await client.post("/notes", json={"title": "Buy milk"})
    assert created.status_code == 201

    # The app committed, and within this test the note is there to read back.
    response = await client.get("/notes")
    assert response.json() == [created.json()]


@pytest.mark.asyncio
async def test_a_new_test_starts_with_no_notes(client):
    response = await client.get("/notes")
    assert response.json() == []
