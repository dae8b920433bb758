"""An app whose lifespan opens one database connection for every request to share."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TypedDict

from database import Database
from fastapi import FastAPI, HTTPException, Request

database = Database(rows={"ada": "Ada Lovelace", "alan": "Alan Turing"})


class State(TypedDict):
    database: Database


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[State]:
    await database.connect()  # on the loop that runs the startup
    yield {"database": database}
    await database.close()


app = FastAPI(lifespan=lifespan)


@app.get("/users/{key}")
async def read_user(key: str, request: Request) -> dict[str, str]:
    name = await request.state.database.fetch(key)
    if name is None:
        raise HTTPException(status_code=404, detail="no such user")
    return {"name": name}
