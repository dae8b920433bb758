"""Exercise 01: your first async tests (reference solution)."""

import httpx
import pytest
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_health(client):
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "up"}


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_create_book(client):
    response = await client.post("/books", json={"title": "Dune", "author": "Frank Herbert"})
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "Dune"
    assert body["author"] == "Frank Herbert"
    assert isinstance(body["id"], int)


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_read_book(client):
    # Two books, and we read the first: a lookup that ignores the id returns the second.
    first = await client.post("/books", json={"title": "Emma", "author": "Jane Austen"})
    await client.post("/books", json={"title": "Ulysses", "author": "James Joyce"})

    response = await client.get(f"/books/{first.json()['id']}")

    assert response.status_code == 200
    assert response.json() == first.json()


@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_missing_book(client):
    response = await client.get("/books/999999")
    assert response.status_code == 404
    assert response.json() == {"detail": "Book not found"}
