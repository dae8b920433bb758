"""the events are encoded by hand, without `Cache-Control: no-cache`."""

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent, format_sse_event

app = FastAPI(title="Deploy tracker")

STEPS = ["build", "test", "ship"]
"""The steps of every deploy, in order."""

watchers: set[str] = set()
"""Who is watching the live feed right now; each watcher holds a seat until they leave."""


async def encoded_events(deploy_id: int) -> AsyncIterator[bytes]:
    for number, step in enumerate(STEPS, start=1):
        data = json.dumps({"deploy": deploy_id, "step": step})
        yield format_sse_event(event="step", data_str=data, id=str(number))
    done = json.dumps({"deploy": deploy_id, "status": "shipped"})
    yield format_sse_event(event="done", data_str=done)


@app.get("/deploys/{deploy_id}/events")
async def deploy_events(deploy_id: int) -> StreamingResponse:
    """One `step` event per step, numbered from 1, then a `done` event; then the stream ends."""
    events = encoded_events(deploy_id)
    return StreamingResponse(events, media_type="text/event-stream")


@app.get("/live", response_class=EventSourceResponse)
async def live_status(watcher: str, interval: float = 1.0) -> AsyncIterator[ServerSentEvent]:
    """An endless feed: how many people are watching, every `interval` seconds."""
    watchers.add(watcher)
    try:
        while True:
            yield ServerSentEvent(event="status", data={"watchers": len(watchers)})
            await asyncio.sleep(interval)
    finally:
        watchers.discard(watcher)  # the seat is freed when the client goes away
