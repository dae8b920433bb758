import httpx
import pytest


# --8<-- [start:test]
@pytest.mark.asyncio  # the default loop scope: a new loop for this test
async def test_ada(client: httpx.AsyncClient) -> None:
    response = await client.get("/users/ada")
    assert response.json() == {"name": "Ada Lovelace"}
    # --8<-- [end:test]
