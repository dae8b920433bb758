import asyncio
import gc

import httpx
import pytest

from main import app, running_jobs, watched


async def watch(order_id: int, how: str) -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        await client.post(f"/orders/{order_id}/{how}")
    await asyncio.sleep(0)  # one turn of the loop: the job starts and begins to wait


def running_task_names() -> set[str]:
    return {task.get_name() for task in asyncio.all_tasks()}


@pytest.mark.asyncio
async def test_a_forgotten_task_can_vanish() -> None:
    await watch(1, "forgotten")
    assert watched == [1]  # the job started

    gc.collect()  # the garbage collector runs: here on purpose, in real life whenever

    assert "watch-1" in running_task_names()


@pytest.mark.asyncio
async def test_a_kept_task_survives() -> None:
    await watch(2, "kept")
    assert watched[-1] == 2

    gc.collect()

    assert "watch-2" in running_task_names()
    for job in running_jobs:
        job.cancel()  # clean up: this job would wait for ever
