import fastapi.routing
import fastapi.sse
import httpx
import pytest

from main import app


async def read_all() -> str:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/reports/latest")
    return response.text


# --8<-- [start:works]
@pytest.mark.asyncio
async def test_pings_while_the_source_is_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastapi.routing, "_PING_INTERVAL", 0.01)  # where it is read

    text = await read_all()

    assert ": ping\n\n" in text
    assert text.endswith('event: report\ndata: {"rows": 3}\n\n')
    # --8<-- [end:works]


# --8<-- [start:no_effect]
@pytest.mark.asyncio
async def test_patching_the_sse_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastapi.sse, "_PING_INTERVAL", 0.01)  # where it is defined

    text = await read_all()

    assert ": ping\n\n" in text
    # --8<-- [end:no_effect]
