"""Exercise 03: fixtures and event loops (reference solution)."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
import pytest_asyncio

from main import app, database

ClientFactory = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def connected_database() -> AsyncIterator[None]:
    await database.connect()
    yield
    await database.close()


@pytest.fixture
def client_as(connected_database: None) -> ClientFactory:
    @asynccontextmanager
    async def open_client(token: str | None = None) -> AsyncIterator[httpx.AsyncClient]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://app.test", headers=headers
        ) as client:
            yield client

    return open_client


@pytest.mark.task(1)
async def test_alice_reads_back_her_note(client_as: ClientFactory) -> None:
    async with client_as("alice-token") as alice:
        created = await alice.post("/notes", json={"text": "buy milk"})
        listed = await alice.get("/notes")
    assert created.status_code == 201
    assert created.json()["text"] == "buy milk"
    assert created.json() in listed.json()


@pytest.mark.task(2)
async def test_bobs_note_is_his(client_as: ClientFactory) -> None:
    async with client_as("bob-token") as bob:
        response = await bob.post("/notes", json={"text": "call alice"})
    assert response.status_code == 201
    assert response.json()["owner"] == "bob"


@pytest.mark.task(3)
async def test_anonymous_is_turned_away(client_as: ClientFactory) -> None:
    async with client_as() as anonymous:
        response = await anonymous.get("/notes")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not logged in"}


@pytest.mark.task(4)
async def test_notes_stay_private(client_as: ClientFactory) -> None:
    async with client_as("alice-token") as alice, client_as("bob-token") as bob:
        await alice.post("/notes", json={"text": "alice's secret"})
        response = await bob.get("/notes")
    assert response.status_code == 200
    assert all(note["owner"] == "bob" for note in response.json())
    assert "alice's secret" not in [note["text"] for note in response.json()]
