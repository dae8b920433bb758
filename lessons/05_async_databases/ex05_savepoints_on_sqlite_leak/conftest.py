from contextlib import ExitStack

import httpx
import pytest
import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from awaited.postgres import PostgresUnavailable, fresh_database
from main import Base, app, get_session


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


# --8<-- [start:session]
@pytest_asyncio.fixture
async def session(engine):
    async with engine.connect() as connection:
        # The outer transaction: everything this test writes ends inside it.
        await connection.begin()
        # The app's commit() now releases a SAVEPOINT instead of committing for real.
        session = AsyncSession(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )
        yield session
        await session.close()
        await connection.rollback()  # undo it all, committed or not


@pytest_asyncio.fixture
async def client(session):
    app.dependency_overrides[get_session] = lambda: session
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()
# --8<-- [end:session]
