from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI


class NoteStore:
    """Stands in for a database session: notes in memory, behind an async API."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    async def add(self, text: str) -> int:
        self.notes.append(text)
        return len(self.notes)


async def get_store() -> AsyncIterator[NoteStore]:
    """Opens a session per request and closes it afterwards (the code after `yield`)."""
    raise RuntimeError("the real database is not reachable from tests")
    yield NoteStore()  # never reached here; a real app would yield an open session


app = FastAPI()


@app.post("/notes", status_code=201)
async def add_note(text: str, store: Annotated[NoteStore, Depends(get_store)]) -> dict[str, int]:
    return {"id": await store.add(text)}
