"""`GET /todos?done=false` ignores the filter and lists every to-do."""


from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Todo(Base):
    __tablename__ = "todos"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    done: Mapped[bool] = mapped_column(default=False)


# The app's own database. Nothing creates its tables: tests bring a database of their own.
engine = create_async_engine("sqlite+aiosqlite://")
new_session = async_sessionmaker(engine, expire_on_commit=False)


async def get_session() -> AsyncIterator[AsyncSession]:
    """One session per request, closed (and rolled back, if uncommitted) afterwards."""
    async with new_session() as session:
        yield session


Session = Annotated[AsyncSession, Depends(get_session)]


class TodoIn(BaseModel):
    title: str


class TodoOut(TodoIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    done: bool


app = FastAPI(title="To-do list")


@app.post("/todos", status_code=status.HTTP_201_CREATED)
async def create_todo(data: TodoIn, session: Session) -> TodoOut:
    todo = Todo(title=data.title, done=False)
    session.add(todo)
    await session.commit()
    return TodoOut.model_validate(todo)


@app.get("/todos")
async def list_todos(session: Session, done: bool | None = None) -> list[TodoOut]:
    query = select(Todo).order_by(Todo.id)
    todos = await session.scalars(query)
    return [TodoOut.model_validate(todo) for todo in todos]


@app.post("/todos/{todo_id}/done")
async def mark_done(todo_id: int, session: Session) -> TodoOut:
    todo = await session.get(Todo, todo_id)
    if todo is None:
        raise HTTPException(status_code=404, detail="Todo not found")
    todo.done = True
    await session.commit()
    return TodoOut.model_validate(todo)
