import httpx
import pytest

from main import app


# --8<-- [start:twice]
@pytest.mark.asyncio
async def test_lines_then_bytes() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        client.stream("GET", "/countdown") as response,
    ):
        lines = [line async for line in response.aiter_lines()]
        body = b""
        async for chunk in response.aiter_bytes():  # a second pass over the same response
            body += chunk

    assert lines == ["3", "2", "1", "liftoff"]
    assert body == b"3\n2\n1\nliftoff\n"
    # --8<-- [end:twice]


# --8<-- [start:once]
@pytest.mark.asyncio
async def test_read_once_then_use_it_twice() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        client.stream("GET", "/countdown") as response,
    ):
        await response.aread()  # the one pass: the body is kept on the response

    assert response.text.splitlines() == ["3", "2", "1", "liftoff"]
    assert response.content == b"3\n2\n1\nliftoff\n"
    # --8<-- [end:once]
