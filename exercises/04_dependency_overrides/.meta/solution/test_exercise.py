"""Exercise 04: dependency overrides (reference solution)."""

import httpx
import pytest
import pytest_asyncio

from main import NoteStore, User, app, get_current_user, get_store


@pytest.fixture(autouse=True)
def undo_overrides():
    yield
    app.dependency_overrides.clear()  # runs after every test, passed or failed


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


def sign_in_as(user):
    app.dependency_overrides[get_current_user] = lambda: user


@pytest.fixture
def store():
    store = NoteStore()

    async def fresh_store():
        yield store

    app.dependency_overrides[get_store] = fresh_store
    return store


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_create_note(client, store):
    sign_in_as(User(name="bob"))

    response = await client.post("/notes", json={"text": "buy milk"})

    assert response.status_code == 201
    assert response.json()["owner"] == "bob"
    assert response.json()["text"] == "buy milk"


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_list_shows_only_my_notes(client, store):
    mine = await store.add(owner="ada", text="review the budget")
    await store.add(owner="bob", text="bob's secret")
    sign_in_as(User(name="ada"))

    response = await client.get("/notes")

    assert response.status_code == 200
    assert response.json() == [mine.model_dump()]


@pytest.mark.task(3)
@pytest.mark.asyncio
async def test_only_admins_clear_notes(client, store):
    await store.add(owner="bob", text="keep me")
    sign_in_as(User(name="bob"))

    refused = await client.delete("/notes")

    assert refused.status_code == 403
    assert len(await store.all()) == 1

    sign_in_as(User(name="ada", is_admin=True))
    allowed = await client.delete("/notes")

    assert allowed.status_code == 200
    assert allowed.json() == {"deleted": 1}


@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_no_token_is_rejected(client):
    response = await client.get("/notes")

    assert response.status_code == 401
    assert response.json() == {"detail": "Not signed in"}
