import httpx
import pytest
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# --8<-- [start:unauthorized]
@pytest.mark.asyncio
async def test_no_token_is_a_401_with_a_challenge(client: httpx.AsyncClient) -> None:
    response = await client.get("/notes/1")

    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response.headers["www-authenticate"] == "Bearer"
    # --8<-- [end:unauthorized]


# --8<-- [start:not_found]
@pytest.mark.asyncio
async def test_a_dict_detail_comes_back_as_json(client: httpx.AsyncClient) -> None:
    response = await client.get("/notes/2", headers={"Authorization": "Bearer secret-token"})

    assert response.status_code == 404
    assert response.json() == {"detail": {"error": "note_not_found", "id": 2}}
    # --8<-- [end:not_found]


@pytest.mark.asyncio
async def test_the_owner_reads_the_note(client: httpx.AsyncClient) -> None:
    response = await client.get("/notes/1", headers={"Authorization": "Bearer secret-token"})

    assert response.status_code == 200
    assert response.json() == {"text": "buy milk"}
