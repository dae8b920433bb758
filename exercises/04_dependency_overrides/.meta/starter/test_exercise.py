"""Exercise 04: dependency overrides.

These tests cannot sign in, share one store with every other test, and leave their
overrides behind. Repair them so that they pass against the app in main.py AND fail against
every broken copy of it. Check your work with `awaited check 04`.
"""

import httpx
import pytest
import pytest_asyncio

from main import User, app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# Task 1: sign in without the identity service.
def sign_in_as(user):
    # TODO: the app asks an identity service about this token, and tests cannot reach it
    #       (503). Override `get_current_user` (import it from main) so that the app sees
    #       `user` instead.
    return {"Authorization": f"Bearer token-for-{user.name}"}


@pytest.mark.task(1)
@pytest.mark.asyncio
async def test_create_note(client):
    headers = sign_in_as(User(name="bob"))

    response = await client.post("/notes", json={"text": "buy milk"}, headers=headers)

    assert response.status_code == 201
    assert response.json()["owner"] == "bob"


# Task 2: a store of its own for every test.
# TODO: write a `store` fixture that creates a fresh `NoteStore` (from main), overrides
#       `get_store` with a generator that yields it, and returns it, so that tests can
#       arrange notes straight in the store.


@pytest.mark.task(2)
@pytest.mark.asyncio
async def test_list_shows_only_my_notes(client):
    sign_in_as(User(name="ada"))

    response = await client.get("/notes")

    # TODO: an app that lists everyone's notes passes this too. Put notes of two owners
    #       in the store first, then check that only ada's come back.
    assert response.status_code == 200


# Task 3: only admins may clear the notes.
# TODO: write `test_only_admins_clear_notes`, marked `@pytest.mark.task(3)`: a user who is
#       not an admin gets 403 and the notes stay; an admin clears them.


# Task 4: the real sign-in check still works.
@pytest.mark.task(4)
@pytest.mark.asyncio
async def test_no_token_is_rejected(client):
    response = await client.get("/notes")

    # TODO: once `sign_in_as` overrides the user, this fails after the tests above have
    #       run, yet passes on its own. Make every test undo its overrides when it ends.
    assert response.status_code == 401
