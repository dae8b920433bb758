import httpx
import pytest
from conftest import ClientFactory


@pytest.mark.asyncio
async def test_anonymous_is_turned_away(client: httpx.AsyncClient) -> None:
    response = await client.get("/me")
    assert response.status_code == 401


@pytest.mark.asyncio
async def test_alice_sees_herself(alice: httpx.AsyncClient) -> None:
    response = await alice.get("/me")
    assert response.json() == {"name": "alice"}
    assert response.request.headers["authorization"] == "Bearer alice-token"


# --8<-- [start:two-users]
@pytest.mark.asyncio
async def test_only_admins_read_stats(client_as: ClientFactory) -> None:
    async with client_as("alice-token") as alice, client_as("root-token") as admin:
        assert (await alice.get("/admin/stats")).status_code == 403
        assert (await admin.get("/admin/stats")).json() == {"users": 2}
    # --8<-- [end:two-users]


@pytest.mark.asyncio
async def test_admin_reads_stats(admin: httpx.AsyncClient) -> None:
    assert (await admin.get("/admin/stats")).json() == {"users": 2}
