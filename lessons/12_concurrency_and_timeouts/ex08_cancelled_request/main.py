import asyncio

from fastapi import FastAPI

app = FastAPI()

log: list[str] = []


async def build_export() -> None:
    await asyncio.sleep(3600)  # stands in for an export slow enough that clients give up


@app.post("/exports")
async def export() -> dict[str, str]:
    log.append("started")
    try:
        await build_export()
    except Exception:
        log.append("caught by except Exception")  # never: cancellation is not an Exception
        raise
    except asyncio.CancelledError:
        log.append("cancelled")
        raise  # pass it on: swallowing it would break the caller's timeout
    finally:
        log.append("cleaned up")
    log.append("finished")
    return {"status": "done"}
