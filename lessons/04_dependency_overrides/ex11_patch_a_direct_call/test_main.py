from datetime import datetime
from unittest.mock import patch

import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_morning_greeting() -> None:
    # `greeting` looks `now` up in main on every call, so replacing main.now works.
    with patch("main.now", return_value=datetime(2026, 1, 5, 9, 30)):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            response = await client.get("/greeting")

    assert response.json() == {"greeting": "Good morning"}
