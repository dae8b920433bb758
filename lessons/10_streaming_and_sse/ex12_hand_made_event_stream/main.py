import json
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()


async def prices() -> AsyncIterator[str]:
    for price in [101, 102]:
        yield f"data: {json.dumps({'price': price})}\n\n"  # the SSE format, written by hand


@app.get("/prices")
async def stream_prices() -> StreamingResponse:
    return StreamingResponse(prices(), media_type="text/event-stream")
