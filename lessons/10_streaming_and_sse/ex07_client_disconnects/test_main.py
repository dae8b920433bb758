import asyncio
from typing import Any

import pytest

from main import app, open_feeds


# --8<-- [start:hang_up]
async def read_then_hang_up(path: str, chunks_wanted: int) -> list[bytes]:
    """Play a server whose client reads a few chunks, then closes the connection."""
    chunks: list[bytes] = []
    hung_up = asyncio.Event()
    request_sent = False

    async def receive() -> dict[str, Any]:
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await hung_up.wait()
        return {"type": "http.disconnect"}  # what a server tells the app

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.body":
            chunks.append(message["body"])
            if len(chunks) == chunks_wanted:
                hung_up.set()

    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "query_string": b""}
    async with asyncio.timeout(1):  # if the app ignored the disconnect, fail instead of hang
        await app(scope, receive, send)
    return chunks
    # --8<-- [end:hang_up]


# --8<-- [start:finally]
@pytest.mark.asyncio
async def test_hanging_up_closes_the_feed() -> None:
    chunks = await read_then_hang_up("/feeds/prices", chunks_wanted=2)

    assert chunks == [b"tick 0\n", b"tick 1\n"]
    assert open_feeds == set()  # the generator's finally ran
    # --8<-- [end:finally]


# --8<-- [start:sse]
@pytest.mark.asyncio
async def test_hanging_up_closes_the_event_stream() -> None:
    chunks = await read_then_hang_up("/feeds/prices/events", chunks_wanted=2)

    assert chunks == [b"event: tick\ndata: 0\n\n", b"event: tick\ndata: 1\n\n"]
    assert open_feeds == set()
    # --8<-- [end:sse]
