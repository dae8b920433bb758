from contextlib import ExitStack

import httpx
import pytest
import pytest_asyncio
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from awaited.postgres import PostgresUnavailable, fresh_database
from main import Base, Note, app, get_session


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
        return "sqlite+aiosqlite://"
    return request.getfixturevalue("postgres_url")


@pytest_asyncio.fixture(scope="session")
async def engine(database_url):
    engine = create_async_engine(database_url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    yield engine
    await engine.dispose()


# --8<-- [start:client]
@pytest_asyncio.fixture
async def client(engine):
    new_session = async_sessionmaker(engine, expire_on_commit=False)

    async def session_per_request():  # what the app's own get_session does, on our engine
        async with new_session() as session:
            yield session

    app.dependency_overrides[get_session] = session_per_request
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()
    # Real commits from separate sessions: no outer transaction to roll back, so clean up.
    async with engine.begin() as connection:
        await connection.execute(delete(Note))
# --8<-- [end:client]
