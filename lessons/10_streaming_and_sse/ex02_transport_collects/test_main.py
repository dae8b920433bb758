from collections.abc import Iterator

import httpx
import pytest

from main import app, produced


@pytest.fixture(autouse=True)
def forget_what_was_produced() -> Iterator[None]:
    produced.clear()
    yield
    produced.clear()


@pytest.mark.asyncio
async def test_the_app_is_done_before_the_first_byte_arrives() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        client.stream("GET", "/countdown") as response,
    ):
        # Nothing has been read yet, and the generator has already finished.
        assert produced == ["yielded 3", "yielded 2", "yielded 1", "generator finished"]
        chunks = [chunk async for chunk in response.aiter_bytes()]

    assert chunks == [b"3\n2\n1\n"]  # three pieces were sent; one chunk arrives
