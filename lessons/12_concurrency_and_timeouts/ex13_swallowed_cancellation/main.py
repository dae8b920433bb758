import asyncio

from fastapi import FastAPI

app = FastAPI()


async def build_export() -> None:
    await asyncio.sleep(3600)  # stands in for an export slow enough that clients give up


@app.post("/exports")
async def export() -> dict[str, str]:
    try:
        await build_export()
    except asyncio.CancelledError:
        return {"status": "gave up"}  # the bug: the cancellation stops here
    return {"status": "done"}
