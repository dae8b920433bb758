from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


@app.get("/greetings", response_class=EventSourceResponse)
async def greetings() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(data="hello")
    yield ServerSentEvent(raw_data="hello")
