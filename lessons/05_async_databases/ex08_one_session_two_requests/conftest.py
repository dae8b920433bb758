import httpx
import pytest
import pytest_asyncio
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from main import Base, app, get_session


# SQLite only: aiosqlite runs every query on a thread of its own, so the first request always
# waits inside its flush while the second one runs. On PostgreSQL the two requests meet there
# only on some runs, depending on how fast the server answers.
@pytest.fixture(scope="session")
def database_url():
    return "sqlite+aiosqlite://"


# --8<-- [start:sqlite]
def begin_transactions_ourselves(engine):
    """Python's sqlite3 driver (under aiosqlite) sends no BEGIN before a SAVEPOINT, so a
    released savepoint is not part of the outer transaction and survives its rollback.
    Turn the driver's own transaction handling off and let SQLAlchemy send BEGIN."""

    @event.listens_for(engine.sync_engine, "connect")
    def no_implicit_transactions(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine.sync_engine, "begin")
    def emit_begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest_asyncio.fixture(scope="session")
async def engine(database_url):
    engine = create_async_engine(database_url)
    if engine.dialect.name == "sqlite":
        begin_transactions_ourselves(engine)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
        # An INSERT that takes the database a few milliseconds, like a real server's round
        # trip: the first request is then surely still waiting when the second one runs.
        await connection.exec_driver_sql(
            "CREATE TRIGGER insert_takes_a_moment AFTER INSERT ON notes BEGIN "
            "SELECT count(*) FROM (WITH RECURSIVE n(i) AS "
            "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n); END"
        )
    yield engine
    await engine.dispose()
# --8<-- [end:sqlite]


@pytest_asyncio.fixture
async def session(engine):
    async with engine.connect() as connection:
        await connection.begin()
        session = AsyncSession(
            bind=connection,
            join_transaction_mode="create_savepoint",
            expire_on_commit=False,
        )
        yield session
        await session.close()
        await connection.rollback()


@pytest_asyncio.fixture
async def client(session):
    app.dependency_overrides[get_session] = lambda: session
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()
