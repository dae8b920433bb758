import asyncio

import pytest


@pytest.mark.asyncio
async def test_two_notes_at_once(client):
    # Two requests in flight together; the override hands both of them the same session.
    responses = await asyncio.gather(
        client.post("/notes", json={"title": "Buy milk"}),
        client.post("/notes", json={"title": "Call mum"}),
        return_exceptions=True,  # let both finish, then look at what each got
    )
    for response in responses:
        if isinstance(response, Exception):
            raise response
    assert [response.status_code for response in responses] == [201, 201]
