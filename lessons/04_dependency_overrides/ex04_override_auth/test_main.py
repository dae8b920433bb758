from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from main import User, app, get_current_user


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()  # whatever a test overrode, undo it after the test


# --8<-- [start:sign_in]
def sign_in_as(user: User) -> None:
    app.dependency_overrides[get_current_user] = lambda: user


@pytest.mark.asyncio
async def test_me(client: httpx.AsyncClient) -> None:
    sign_in_as(User(name="bob"))

    response = await client.get("/me")  # no Authorization header at all

    assert response.json() == {"name": "bob", "is_admin": False}
    # --8<-- [end:sign_in]


@pytest.mark.asyncio
async def test_only_admins_clear_notes(client: httpx.AsyncClient) -> None:
    sign_in_as(User(name="bob"))
    assert (await client.delete("/notes")).status_code == 403

    sign_in_as(User(name="ada", is_admin=True))
    assert (await client.delete("/notes")).status_code == 204


@pytest.mark.asyncio
async def test_no_token_no_entry(client: httpx.AsyncClient) -> None:
    response = await client.get("/me")  # no override: the real check runs

    assert response.status_code == 401


@pytest.mark.asyncio
async def test_a_real_token_still_works(client: httpx.AsyncClient) -> None:
    response = await client.get("/me", headers={"Authorization": "Bearer secret-ada"})

    assert response.json() == {"name": "ada", "is_admin": True}
