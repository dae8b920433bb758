import asyncio

import httpx
import pytest

import main
from main import app, reports


@pytest.mark.asyncio
async def test_report_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    finished = asyncio.Event()
    build_report = main.build_report

    async def build_report_and_signal(report_id: int) -> None:
        try:
            await build_report(report_id)
        finally:
            finished.set()  # done or crashed: either way, stop waiting

    monkeypatch.setattr(main, "build_report", build_report_and_signal)

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        await client.post("/reports/1")

    async with asyncio.timeout(1):
        await finished.wait()

    assert reports == {1: "ready"}
