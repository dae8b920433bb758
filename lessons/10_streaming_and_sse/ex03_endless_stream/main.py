import asyncio
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def ticks() -> AsyncIterator[str]:
    n = 0
    while True:  # a live feed: it ends when the client goes away
        yield f"tick {n}\n"
        n += 1
        await asyncio.sleep(0.01)


@app.get("/ticks")
async def stream_ticks() -> StreamingResponse:
    return StreamingResponse(ticks(), media_type="text/plain")
