"""A notes API on SQLAlchemy 2's async ORM: one session per request, and it commits."""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]


# The real app's database. Creating an engine does not connect yet, and tests never use it.
engine = create_async_engine("sqlite+aiosqlite:///notes.db")
new_session = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    async with new_session() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]


class NoteIn(BaseModel):
    title: str


class NoteOut(NoteIn):
    model_config = ConfigDict(from_attributes=True)

    id: int


app = FastAPI()


@app.post("/notes", status_code=status.HTTP_201_CREATED)
async def create_note(data: NoteIn, session: Session) -> NoteOut:
    note = Note(title=data.title)
    session.add(note)
    await session.commit()
    return NoteOut.model_validate(note)


@app.get("/notes")
async def list_notes(session: Session) -> list[NoteOut]:
    notes = await session.scalars(select(Note).order_by(Note.id))
    return [NoteOut.model_validate(note) for note in notes]


@app.get("/notes/{note_id}")
async def read_note(note_id: int, session: Session) -> NoteOut:
    note = await session.get(Note, note_id)
    if note is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return NoteOut.model_validate(note)
