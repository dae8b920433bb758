import asyncio

from fastapi import FastAPI

app = FastAPI()


@app.get("/report")
async def report() -> dict[str, str]:
    await asyncio.sleep(0.2)  # a slow endpoint: far slower than the client's timeout below
    return {"status": "ready"}
