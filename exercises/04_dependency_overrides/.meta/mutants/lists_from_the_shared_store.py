"""listing notes reads the app's shared store instead of the one `get_store` provides."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, status
from pydantic import BaseModel

app = FastAPI(title="Team notes")


class User(BaseModel):
    name: str
    is_admin: bool = False


class NoteIn(BaseModel):
    text: str


class Note(NoteIn):
    id: int
    owner: str


class NoteStore:
    """Notes in memory, behind an async API like a database session's."""

    def __init__(self) -> None:
        self._notes: list[Note] = []

    async def add(self, owner: str, text: str) -> Note:
        note = Note(id=len(self._notes) + 1, owner=owner, text=text)
        self._notes.append(note)
        return note

    async def owned_by(self, owner: str) -> list[Note]:
        return [note for note in self._notes if note.owner == owner]

    async def all(self) -> list[Note]:
        return list(self._notes)

    async def clear(self) -> int:
        count = len(self._notes)
        self._notes.clear()
        return count


_database = NoteStore()  # the running app's one store; tests should not share it


async def get_store() -> AsyncIterator[NoteStore]:
    """The store for one request. A real app opens a database session here and closes it
    after the `yield`."""
    yield _database


async def ask_identity_service(token: str) -> User:
    """Asks the company's identity service who owns `token`. Tests cannot reach it."""
    raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "Identity service unreachable")


async def get_current_user(authorization: Annotated[str | None, Header()] = None) -> User:
    if authorization is None or not authorization.startswith("Bearer "):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Not signed in")
    return await ask_identity_service(authorization.removeprefix("Bearer "))


def require_admin(user: Annotated[User, Depends(get_current_user)]) -> User:
    if not user.is_admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Admins only")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
Store = Annotated[NoteStore, Depends(get_store)]


@app.post("/notes", status_code=status.HTTP_201_CREATED)
async def create_note(data: NoteIn, user: CurrentUser, store: Store) -> Note:
    return await store.add(owner=user.name, text=data.text)


@app.get("/notes")
async def my_notes(user: CurrentUser, store: Store) -> list[Note]:
    return await _database.owned_by(user.name)


@app.delete("/notes")
async def clear_all_notes(
    admin: Annotated[User, Depends(require_admin)], store: Store
) -> dict[str, int]:
    return {"deleted": await store.clear()}
