import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool, StaticPool

from main import COUNT_NOTES, CREATE_NOTES


@pytest.mark.asyncio
async def test_the_default_pool_keeps_one_connection():
    engine = create_async_engine("sqlite+aiosqlite://")
    # For an in-memory database, SQLAlchemy picks StaticPool on its own.
    assert isinstance(engine.pool, StaticPool)

    async with engine.begin() as connection:
        await connection.execute(text(CREATE_NOTES))
    async with engine.connect() as connection:  # the same connection, so the same database
        assert (await connection.execute(text(COUNT_NOTES))).scalar() == 0
    await engine.dispose()


@pytest.mark.asyncio
async def test_two_engines_are_two_databases():
    first = create_async_engine("sqlite+aiosqlite://")
    second = create_async_engine("sqlite+aiosqlite://")  # the same URL

    async with first.begin() as connection:
        await connection.execute(text(CREATE_NOTES))
    async with second.connect() as connection:
        with pytest.raises(OperationalError, match="no such table: notes"):
            await connection.execute(text(COUNT_NOTES))
    await first.dispose()
    await second.dispose()


@pytest.mark.asyncio
async def test_a_new_connection_is_a_new_empty_database():
    # NullPool opens a new connection for every checkout and closes it afterwards.
    engine = create_async_engine("sqlite+aiosqlite://", poolclass=NullPool)

    async with engine.begin() as connection:
        await connection.execute(text(CREATE_NOTES))
    async with engine.connect() as connection:
        assert (await connection.execute(text(COUNT_NOTES))).scalar() == 0
    await engine.dispose()
