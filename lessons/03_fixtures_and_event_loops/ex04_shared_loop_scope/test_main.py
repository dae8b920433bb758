import asyncio

import pytest
from database import Database

pytestmark = pytest.mark.asyncio(loop_scope="session")  # every test here: the session's loop


async def test_insert_then_fetch(database: Database) -> None:
    await database.insert(1, "ada")
    assert await database.fetch(1) == "ada"


async def test_starts_empty(database: Database) -> None:
    assert await database.fetch(1) is None


async def test_same_loop_as_the_connection(database: Database) -> None:
    assert database._loop is asyncio.get_running_loop()
