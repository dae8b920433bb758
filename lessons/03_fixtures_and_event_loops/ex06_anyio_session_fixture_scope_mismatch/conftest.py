import pytest


@pytest.fixture  # function scope, as in lesson 01
def anyio_backend() -> str:
    return "asyncio"
