import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

open_feeds: set[str] = set()  # feeds holding a resource (a subscription, a cursor...)


async def ticks(feed: str) -> AsyncIterator[str]:
    open_feeds.add(feed)
    try:
        n = 0
        while True:
            yield f"tick {n}\n"
            n += 1
            await asyncio.sleep(0.01)
    finally:
        open_feeds.discard(feed)  # runs when the generator is closed or cancelled


@app.get("/feeds/{feed}")
async def stream_feed(feed: str) -> StreamingResponse:
    return StreamingResponse(ticks(feed), media_type="text/plain")
