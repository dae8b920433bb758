import pytest


@pytest.mark.asyncio
async def test_reads_the_note_it_asks_for(client, make_note):
    await make_note()
    wanted = await make_note(title="Call mum")
    await make_note()

    response = await client.get(f"/notes/{wanted.id}")

    assert response.json() == {"id": wanted.id, "title": "Call mum"}


@pytest.mark.asyncio
async def test_lists_notes_oldest_first(client, make_note):
    notes = [await make_note() for _ in range(3)]

    response = await client.get("/notes")

    assert [note["id"] for note in response.json()] == [note.id for note in notes]


@pytest.mark.asyncio
async def test_a_missing_note_is_404(client, make_note):
    note = await make_note()

    response = await client.get(f"/notes/{note.id + 1}")

    assert response.status_code == 404


@pytest.mark.asyncio
async def test_ids_after_a_rollback(session, make_note, engine):
    savepoint = await session.begin_nested()
    undone = await make_note()
    await savepoint.rollback()

    note = await make_note()

    if engine.dialect.name == "postgresql":
        assert note.id == undone.id + 1  # a sequence never goes back
    else:
        assert note.id == undone.id  # SQLite takes the highest id in the table, plus one
