"""each step's data goes out as plain text instead of JSON."""

import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI(title="Deploy tracker")

STEPS = ["build", "test", "ship"]
"""The steps of every deploy, in order."""

watchers: set[str] = set()
"""Who is watching the live feed right now; each watcher holds a seat until they leave."""


@app.get("/deploys/{deploy_id}/events", response_class=EventSourceResponse)
async def deploy_events(deploy_id: int) -> AsyncIterator[ServerSentEvent]:
    """One `step` event per step, numbered from 1, then a `done` event; then the stream ends."""
    for number, step in enumerate(STEPS, start=1):
        text = f"deploy {deploy_id}: {step}"
        yield ServerSentEvent(event="step", raw_data=text, id=str(number))
    yield ServerSentEvent(event="done", data={"deploy": deploy_id, "status": "shipped"})


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
