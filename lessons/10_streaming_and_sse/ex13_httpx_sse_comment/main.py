from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


@app.get("/prices", response_class=EventSourceResponse)
async def prices() -> AsyncIterable[ServerSentEvent]:
    yield ServerSentEvent(data={"price": 101}, id="1")
    yield ServerSentEvent(comment="ping")  # as a keep-alive ping goes out
    yield ServerSentEvent(data={"price": 102}, id="2")
