"""The same app, with its deadline written with asyncio.timeout instead of anyio."""

import asyncio

import anyio
from fastapi import FastAPI

app = FastAPI()

PRICES = {"north": {"tea": 4.5, "coffee": 7.0}, "south": {"tea": 4.0, "coffee": 7.5}}


async def ask_supplier(supplier: str, item: str) -> float:
    await anyio.sleep(0)  # a real client would await the supplier's API here
    return PRICES[supplier][item]


# --8<-- [start:endpoint]
@app.get("/quotes/{item}")
async def best_quote(item: str) -> dict[str, str | float]:
    quotes: dict[str, float] = {}

    async def ask(supplier: str) -> None:
        quotes[supplier] = await ask_supplier(supplier, item)

    async with asyncio.timeout(1):  # asyncio only: there is no asyncio loop under trio
        async with anyio.create_task_group() as task_group:
            for supplier in PRICES:
                task_group.start_soon(ask, supplier)
    best = min(quotes, key=quotes.__getitem__)
    return {"item": item, "supplier": best, "price": quotes[best]}
    # --8<-- [end:endpoint]
