"""A notes API with logins and one database connection: the app under test in exercise 03.

Read it, but do not change it: your tests are what is being graded. The connection in
`database` is opened once (`await database.connect()`), by the app's lifespan in production
and by your tests' session fixture here, and it belongs to the event loop it was opened on.
"""

import asyncio
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel

app = FastAPI(title="Notes")

TOKENS = {"alice-token": "alice", "bob-token": "bob"}  # token -> user name


class Database:
    """Notes in memory, behind a connection that, like a real driver's, is bound to a loop."""

    def __init__(self) -> None:
        self._notes: list[dict[str, Any]] = []
        self._requests: asyncio.Queue[tuple[Any, Any]] = asyncio.Queue()

    async def connect(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._worker = self._loop.create_task(self._serve())

    async def close(self) -> None:
        self._worker.cancel()

    async def add_note(self, owner: str, text: str) -> dict[str, Any]:
        def add() -> dict[str, Any]:
            note = {"id": len(self._notes) + 1, "owner": owner, "text": text}
            self._notes.append(note)
            return note

        return await self._call(add)

    async def notes_of(self, owner: str) -> list[dict[str, Any]]:
        return await self._call(lambda: [n for n in self._notes if n["owner"] == owner])

    async def _call(self, action: Any) -> Any:
        reply = self._loop.create_future()
        self._requests.put_nowait((action, reply))
        return await reply

    async def _serve(self) -> None:
        while True:
            action, reply = await self._requests.get()
            reply.set_result(action())


database = Database()
bearer = HTTPBearer(auto_error=False)


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> str:
    if credentials is None or credentials.credentials not in TOKENS:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Not logged in")
    return TOKENS[credentials.credentials]


User = Annotated[str, Depends(current_user)]


class NoteIn(BaseModel):
    text: str


@app.post("/notes", status_code=status.HTTP_201_CREATED)
async def add_note(note: NoteIn, user: User) -> dict[str, Any]:
    return await database.add_note(user, note.text)


@app.get("/notes")
async def my_notes(user: User) -> list[dict[str, Any]]:
    return await database.notes_of(user)
