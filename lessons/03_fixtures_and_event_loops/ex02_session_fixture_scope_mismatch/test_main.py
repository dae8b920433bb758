from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from database import Database


@pytest_asyncio.fixture(scope="session")  # one connection for the whole run...
async def database() -> AsyncIterator[Database]:
    db = Database()
    await db.connect()
    yield db
    await db.close()


@pytest.mark.asyncio
async def test_insert_then_fetch(database: Database) -> None:
    await database.insert(1, "ada")
    assert await database.fetch(1) == "ada"


@pytest.mark.asyncio
async def test_fetch_missing(database: Database) -> None:
    assert await database.fetch(2) is None
