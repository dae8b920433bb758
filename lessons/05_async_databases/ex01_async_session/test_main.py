import pytest

from main import add_note, titles


@pytest.mark.asyncio
async def test_a_note_gets_an_id_when_committed(session):
    note = await add_note(session, "Buy milk")
    assert note.id == 1
    assert note.title == "Buy milk"


@pytest.mark.asyncio
async def test_titles_come_back_in_insertion_order(session):
    await add_note(session, "Buy milk")
    await add_note(session, "Call mum")
    assert await titles(session) == ["Buy milk", "Call mum"]
