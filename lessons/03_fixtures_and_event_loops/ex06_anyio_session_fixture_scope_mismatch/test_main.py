from collections.abc import AsyncIterator

import pytest
from database import Database

pytestmark = pytest.mark.anyio


@pytest.fixture(scope="session")
async def database() -> AsyncIterator[Database]:
    db = Database()
    await db.connect()
    yield db
    await db.close()


async def test_insert_then_fetch(database: Database) -> None:
    await database.insert(1, "ada")
    assert await database.fetch(1) == "ada"
