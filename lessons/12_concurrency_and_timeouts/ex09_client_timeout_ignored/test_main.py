import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_the_client_times_out() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://app.test", timeout=0.01
    ) as client:
        with pytest.raises(httpx.ReadTimeout):
            await client.get("/report")
