"""An app whose lifespan opens a connection at startup and closes it at shutdown."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from fastapi import FastAPI, Request

log: list[str] = []  # who did what, in order


class Connection:
    """Stands in for a database connection or an HTTP client: something to close."""

    def __init__(self) -> None:
        self.is_open = True

    async def close(self) -> None:
        self.is_open = False


class State(TypedDict):
    connection: Connection


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    connection = Connection()
    log.append("lifespan: connection opened")
    yield {"connection": connection}
    await connection.close()
    log.append("lifespan: connection closed")


app = FastAPI(lifespan=lifespan)


@app.get("/ping")
async def ping(request: Request) -> dict[str, bool]:
    log.append("app: GET /ping")
    return {"connection_open": request.state.connection.is_open}
