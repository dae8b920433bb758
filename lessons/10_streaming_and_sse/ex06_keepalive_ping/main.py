import asyncio
from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


@app.get("/reports/latest", response_class=EventSourceResponse)
async def latest_report() -> AsyncIterable[ServerSentEvent]:
    await asyncio.sleep(0.05)  # a slow source: nothing to send for a while
    yield ServerSentEvent(event="report", data={"rows": 3})
