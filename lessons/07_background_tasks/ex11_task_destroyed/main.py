import asyncio

from fastapi import FastAPI

app = FastAPI()

watched: list[int] = []
running_jobs: set[asyncio.Task[None]] = set()


async def watch_payment(order_id: int) -> None:
    paid = asyncio.Event()  # BUG: nobody else can reach this event, so nothing can set it
    watched.append(order_id)
    await paid.wait()


@app.post("/orders/{order_id}/forgotten", status_code=202)
async def watch_and_forget(order_id: int) -> dict[str, str]:
    asyncio.create_task(watch_payment(order_id), name=f"watch-{order_id}")  # noqa: RUF006
    return {"status": "watching"}


@app.post("/orders/{order_id}/kept", status_code=202)
async def watch_and_keep(order_id: int) -> dict[str, str]:
    job = asyncio.create_task(watch_payment(order_id), name=f"watch-{order_id}")
    running_jobs.add(job)
    job.add_done_callback(running_jobs.discard)
    return {"status": "watching"}
