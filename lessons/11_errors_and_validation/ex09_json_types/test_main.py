import httpx
import pytest

from main import app


# --8<-- [start:shape]
@pytest.mark.asyncio
async def test_the_json_the_model_produces() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/invoices/latest")

    assert response.json() == {
        "id": "6f1c2b9e-1d7a-4c1e-9a57-0a9c3f3b2d11",  # a UUID travels as a string
        "total": "19.90",  # a Decimal too: JSON has no decimal type
        "tax_rate": 0.0,  # a float field turns 0 into 0.0
        "issued": "2026-11-23",  # a date as ISO 8601
        "lines": 3,
    }
    # --8<-- [end:shape]


# --8<-- [start:types]
@pytest.mark.asyncio
async def test_the_python_types_json_gives_back() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        data = (await client.get("/invoices/latest")).json()

    assert data.keys() == {"id", "total", "tax_rate", "issued", "lines"}  # no signed_by_hash
    assert {key: type(value) for key, value in data.items()} == {
        "id": str,
        "total": str,
        "tax_rate": float,
        "issued": str,
        "lines": int,
    }
    # --8<-- [end:types]
