import pytest

from main import add_note


@pytest.mark.asyncio
async def test_a_note_keeps_its_title_after_commit(session):
    note = await add_note(session, "Buy milk")
    assert note.title == "Buy milk"
