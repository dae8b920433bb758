import asyncio

import pytest


@pytest.mark.asyncio
async def test_two_notes_at_once(client):
    responses = await asyncio.gather(
        client.post("/notes", json={"title": "Buy milk"}),
        client.post("/notes", json={"title": "Call mum"}),
    )
    assert [response.status_code for response in responses] == [201, 201]

    listed = await client.get("/notes")
    assert sorted(note["title"] for note in listed.json()) == ["Buy milk", "Call mum"]


@pytest.mark.asyncio
async def test_a_new_test_starts_with_no_notes(client):
    response = await client.get("/notes")
    assert response.json() == []
