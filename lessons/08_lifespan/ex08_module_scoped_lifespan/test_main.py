import asyncio

import httpx
import pytest

from main import database

# --8<-- [start:tests]
pytestmark = pytest.mark.asyncio(loop_scope="module")  # the tests run on the fixture's loop


async def test_ada(client: httpx.AsyncClient) -> None:
    response = await client.get("/users/ada")
    assert response.json() == {"name": "Ada Lovelace"}


async def test_nobody(client: httpx.AsyncClient) -> None:
    response = await client.get("/users/nobody")
    assert response.status_code == 404


async def test_one_connection_on_our_loop(client: httpx.AsyncClient) -> None:
    assert database.connections_opened == 1  # the lifespan ran once for the module
    assert database._loop is asyncio.get_running_loop()
    # --8<-- [end:tests]
