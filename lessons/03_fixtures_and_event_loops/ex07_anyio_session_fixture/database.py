"""An in-memory stand-in for an async database driver.

Like real drivers (asyncpg, for one), a connection belongs to the event loop it was opened
on: a background task on that loop answers every query, and each query waits for a future
made by that loop.
"""

import asyncio
from collections.abc import Callable
from typing import Any


class Database:
    def __init__(self) -> None:
        self._rows: dict[int, str] = {}
        self._requests: asyncio.Queue[tuple[Callable[..., Any], tuple[Any, ...], Any]]
        self._requests = asyncio.Queue()

    async def connect(self) -> None:
        self._loop = asyncio.get_running_loop()  # the connection's home loop
        self._worker = self._loop.create_task(self._serve())

    async def close(self) -> None:
        self._worker.cancel()

    async def insert(self, user_id: int, name: str) -> None:
        await self._call(self._rows.__setitem__, user_id, name)

    async def fetch(self, user_id: int) -> str | None:
        return await self._call(self._rows.get, user_id)

    async def clear(self) -> None:
        await self._call(self._rows.clear)

    async def _call(self, action: Callable[..., Any], *args: Any) -> Any:
        reply = self._loop.create_future()
        self._requests.put_nowait((action, args, reply))
        return await reply

    async def _serve(self) -> None:
        while True:
            action, args, reply = await self._requests.get()
            reply.set_result(action(*args))
