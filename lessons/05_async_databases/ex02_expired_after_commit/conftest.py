from contextlib import ExitStack

import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from awaited.postgres import PostgresUnavailable, fresh_database
from main import Base


@pytest.fixture(scope="session")
def postgres_url():
    """A new database on $AWAITED_POSTGRES_URL's server, or on a server of our own."""
    with ExitStack() as stack:
        try:
            url = stack.enter_context(fresh_database())
        except PostgresUnavailable as error:
            pytest.skip(f"needs PostgreSQL: {error}")
        yield url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request):
    if request.param == "sqlite":
        return "sqlite+aiosqlite://"  # in memory
    return request.getfixturevalue("postgres_url")


@pytest_asyncio.fixture
async def engine(database_url):
    engine = create_async_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.drop_all)
        await connection.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest_asyncio.fixture
async def session(engine):
    new_session = async_sessionmaker(engine)  # expire_on_commit=True, the default
    async with new_session() as session:
        yield session
