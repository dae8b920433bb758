import asyncio
from collections.abc import AsyncIterable, AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()

open_feeds: set[str] = set()


async def ticks(feed: str, interval: float = 0.01) -> AsyncIterator[str]:
    open_feeds.add(feed)
    try:
        n = 0
        while True:
            yield f"tick {n}\n"
            n += 1
            await asyncio.sleep(interval)
    finally:
        open_feeds.discard(feed)


@app.get("/feeds/{feed}")
async def stream_feed(feed: str) -> StreamingResponse:
    return StreamingResponse(ticks(feed), media_type="text/plain")


@app.get("/deploys/{deploy_id}/events", response_class=EventSourceResponse)
async def deploy_events(deploy_id: int) -> AsyncIterable[ServerSentEvent]:
    for number, step in enumerate(["build", "test", "ship"], start=1):
        yield ServerSentEvent(
            event="step", data={"deploy": deploy_id, "step": step}, id=str(number)
        )
