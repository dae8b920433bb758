"""A stand-in for an async database driver whose connection belongs to one event loop.

As with real drivers (asyncpg, for one), a task on the loop that opened the connection
answers every query, and each query waits for a future made by that loop. Lesson 03 shows
what happens when another loop tries to use it.
"""

import asyncio


class Database:
    def __init__(self, rows: dict[str, str]) -> None:
        self._rows = rows
        self._queries: asyncio.Queue[tuple[str, asyncio.Future[str | None]]] = asyncio.Queue()
        self.connections_opened = 0

    async def connect(self) -> None:
        self._loop = asyncio.get_running_loop()  # the connection's home loop
        self._worker = self._loop.create_task(self._answer_queries())
        self.connections_opened += 1

    async def close(self) -> None:
        self._worker.cancel()

    async def fetch(self, key: str) -> str | None:
        reply = self._loop.create_future()
        self._queries.put_nowait((key, reply))
        return await reply

    async def _answer_queries(self) -> None:
        while True:
            key, reply = await self._queries.get()
            reply.set_result(self._rows.get(key))
