import httpx
import pytest

from main import app


@pytest.mark.asyncio
async def test_error_shape_from_an_old_tutorial() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/shops/1/orders", json={"sku": "ABC", "quantity": 0})

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "quantity"],
            "msg": "ensure this value is greater than 0",
            "type": "value_error.number.not_gt",
        }
    ]
