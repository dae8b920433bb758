from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.responses import StreamingResponse

app = FastAPI()

produced: list[str] = []  # what the generator has done so far, in order


async def countdown(start: int) -> AsyncIterator[str]:
    try:
        for n in range(start, 0, -1):
            produced.append(f"yielded {n}")
            yield f"{n}\n"
    finally:
        produced.append("generator finished")


@app.get("/countdown")
async def stream_countdown(start: int = 3) -> StreamingResponse:
    return StreamingResponse(countdown(start), media_type="text/plain")
