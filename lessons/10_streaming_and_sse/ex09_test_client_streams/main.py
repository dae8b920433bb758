import asyncio
from collections.abc import AsyncIterable, AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent

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


@app.get("/feeds/{feed}/events", response_class=EventSourceResponse)
async def feed_events(feed: str) -> AsyncIterable[ServerSentEvent]:
    open_feeds.add(feed)
    try:
        n = 0
        while True:
            yield ServerSentEvent(event="tick", data=n)
            n += 1
            await asyncio.sleep(0.01)
    finally:
        open_feeds.discard(feed)
