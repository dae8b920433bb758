from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def countdown(start: int) -> AsyncIterator[str]:
    for n in range(start, 0, -1):
        yield f"{n}\n"
    yield "liftoff\n"


@app.get("/countdown")
async def stream_countdown(start: int = 3) -> StreamingResponse:
    return StreamingResponse(countdown(start), media_type="text/plain")
