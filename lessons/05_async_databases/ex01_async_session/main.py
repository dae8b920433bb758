"""The database layer of a notes app: one table, and the queries the app needs."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]


async def add_note(session: AsyncSession, title: str) -> Note:
    note = Note(title=title)
    session.add(note)
    await session.commit()
    return note


async def titles(session: AsyncSession) -> list[str]:
    result = await session.scalars(select(Note.title).order_by(Note.id))
    return list(result)
