"""Stock levels across two warehouses: the app under test in exercise 02.

Read it, but do not change it: your tests are what is being graded. It is written with
anyio only, so it runs on asyncio and on trio alike.
"""

import anyio
from fastapi import FastAPI, HTTPException, Response

app = FastAPI(title="Stock")


class Warehouse:
    """A warehouse's stock, behind an async API like a real inventory service's."""

    def __init__(self, name: str, stock: dict[str, int]) -> None:
        self.name = name
        self._stock = stock

    async def count(self, sku: str) -> int | None:
        await anyio.sleep(0)  # a real warehouse would be asked over the network here
        return self._stock.get(sku)


WAREHOUSES = [
    Warehouse("berlin", {"mug": 3, "lamp": 1}),
    Warehouse("lyon", {"mug": 2, "kettle": 4}),
]


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "up"}


@app.get("/stock/{sku}")
async def stock(sku: str, response: Response) -> dict[str, object]:
    counts: dict[str, int] = {}
    started = anyio.current_time()

    async def ask(warehouse: Warehouse) -> None:
        count = await warehouse.count(sku)
        if count is not None:
            counts[warehouse.name] = count

    with anyio.fail_after(2):  # both warehouses are asked at once, under one deadline
        async with anyio.create_task_group() as task_group:
            for warehouse in WAREHOUSES:
                task_group.start_soon(ask, warehouse)
    if not counts:
        raise HTTPException(status_code=404, detail="Unknown SKU")
    elapsed_ms = (anyio.current_time() - started) * 1000
    response.headers["server-timing"] = f"warehouses;dur={elapsed_ms:.1f}"
    return {"sku": sku, "total": sum(counts.values()), "warehouses": counts}
