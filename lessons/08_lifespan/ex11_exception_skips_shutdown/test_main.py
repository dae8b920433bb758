from collections.abc import Iterator

import pytest
from asgi_lifespan import LifespanManager

from main import careful_app, log, plain_app


@pytest.fixture(autouse=True)
def empty_log() -> Iterator[None]:
    log.clear()
    yield
    log.clear()


# --8<-- [start:tests]
@pytest.mark.asyncio
async def test_plain_lifespan() -> None:
    with pytest.raises(RuntimeError):
        async with LifespanManager(plain_app):
            raise RuntimeError("something in the block went wrong")
    assert log == ["startup", "shutdown"]


@pytest.mark.asyncio
async def test_careful_lifespan() -> None:
    with pytest.raises(RuntimeError):
        async with LifespanManager(careful_app):
            raise RuntimeError("something in the block went wrong")
    assert log == ["startup", "shutdown"]
    # --8<-- [end:tests]
