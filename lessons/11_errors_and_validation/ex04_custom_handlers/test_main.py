import httpx
import pytest
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# --8<-- [start:domain]
@pytest.mark.asyncio
async def test_out_of_stock_is_a_409(client: httpx.AsyncClient) -> None:
    response = await client.post("/orders", json={"sku": "ABC", "quantity": 5})

    assert response.status_code == 409
    assert response.json() == {"error": "out_of_stock", "sku": "ABC", "available": 2}
    # --8<-- [end:domain]


# --8<-- [start:validation]
@pytest.mark.asyncio
async def test_validation_errors_have_the_apps_own_shape(client: httpx.AsyncClient) -> None:
    response = await client.post("/orders", json={"quantity": -1})

    assert response.status_code == 422
    assert response.json() == {
        "error": "invalid_request",
        "problems": [
            {"field": "body.sku", "problem": "missing"},
            {"field": "body.quantity", "problem": "greater_than"},
        ],
    }
    # --8<-- [end:validation]


@pytest.mark.asyncio
async def test_an_order_in_stock_is_placed(client: httpx.AsyncClient) -> None:
    response = await client.post("/orders", json={"sku": "ABC", "quantity": 2})

    assert response.status_code == 201
    assert response.json() == {"sku": "ABC", "quantity": 2}
