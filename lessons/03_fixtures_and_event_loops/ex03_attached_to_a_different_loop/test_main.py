from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from database import Database


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def database() -> AsyncIterator[Database]:
    db = Database()
    await db.connect()
    yield db
    await db.close()


@pytest.mark.asyncio  # the test still gets a fresh loop of its own
async def test_insert_then_fetch(database: Database) -> None:
    await database.insert(1, "ada")
    assert await database.fetch(1) == "ada"
