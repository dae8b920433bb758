import pytest


@pytest.fixture(scope="session")  # as wide as the widest async fixture that needs it
def anyio_backend() -> str:
    return "asyncio"
