import httpx
import pytest

from main import app


# --8<-- [start:get]
@pytest.mark.asyncio
async def test_get_reads_the_whole_body() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/countdown")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert response.text == "3\n2\n1\nliftoff\n"
    # --8<-- [end:get]


# --8<-- [start:stream]
@pytest.mark.asyncio
async def test_stream_reads_line_by_line() -> None:
    transport = httpx.ASGITransport(app=app)
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://app.test") as client,
        client.stream("GET", "/countdown", params={"start": 2}) as response,
    ):
        assert response.status_code == 200
        lines = [line async for line in response.aiter_lines()]

    assert lines == ["2", "1", "liftoff"]  # aiter_lines strips the line endings
    # --8<-- [end:stream]
