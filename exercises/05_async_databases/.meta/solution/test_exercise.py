"""Exercise 05: tests for a to-do API that keeps its data in a database.

Repair these tests so that they pass against the app in main.py AND fail against every broken
copy of it. Check your work with `awaited check`.
"""

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from main import Base, Todo, app, get_session


@pytest_asyncio.fixture
async def engine():
    # A new in-memory database for every test: nothing one test writes can reach the next.
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def new_session(engine):
    return async_sessionmaker(engine, expire_on_commit=False)


# Task 1: the app talks to the test's database, one session per request, as in production.
@pytest_asyncio.fixture
async def client(new_session):
    async def session_per_request():
        async with new_session() as session:
            yield session

    app.dependency_overrides[get_session] = session_per_request
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


# Task 2: a factory that stores to-dos straight into the database.
@pytest.fixture
def make_todo(new_session):
    made = 0

    async def make(**fields):
        nonlocal made
        made += 1
        fields.setdefault("title", f"Todo {made}")
        async with new_session() as session:
            todo = Todo(**fields)
            session.add(todo)
            await session.commit()
        return todo

    return make


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_list_starts_empty(client):
    response = await client.get("/todos")
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_filter_open_todos(client, make_todo):
    first = await make_todo()
    await make_todo(done=True)
    third = await make_todo()

    response = await client.get("/todos", params={"done": "false"})

    assert [todo["id"] for todo in response.json()] == [first.id, third.id]


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_created_todo_is_saved(client):
    created = await client.post("/todos", json={"title": "Water the plants"})
    assert created.status_code == 201
    assert created.json()["title"] == "Water the plants"

    # A new request gets a new session: it only sees what the first one committed.
    response = await client.get("/todos")
    assert response.json() == [created.json()]


@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_mark_one_todo_done(client, make_todo):
    target = await make_todo()
    other = await make_todo()

    response = await client.post(f"/todos/{target.id}/done")
    assert response.json() == {"id": target.id, "title": target.title, "done": True}

    listed = await client.get("/todos")
    assert listed.json() == [
        {"id": target.id, "title": target.title, "done": True},
        {"id": other.id, "title": other.title, "done": False},
    ]


@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_missing_todo(client):
    response = await client.post("/todos/999/done")
    assert response.status_code == 404
    assert response.json() == {"detail": "Todo not found"}
