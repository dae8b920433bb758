from collections.abc import AsyncIterator

import pytest_asyncio
from database import Database


# --8<-- [start:fixtures]
@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def connection() -> AsyncIterator[Database]:
    db = Database()
    await db.connect()  # the expensive part: once per run, on the session's loop
    yield db
    await db.close()


@pytest_asyncio.fixture(loop_scope="session")  # a fresh fixture per test, on the same loop
async def database(connection: Database) -> AsyncIterator[Database]:
    yield connection
    await connection.clear()  # what one test wrote, the next one never sees
    # --8<-- [end:fixtures]
