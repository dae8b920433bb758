import httpx
import pytest
import pytest_asyncio

from main import app


@pytest_asyncio.fixture
async def client():
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client


# --8<-- [start:helper]
def where_and_why(response: httpx.Response) -> list[tuple[list[object], str]]:
    """Each error's location and machine-readable type: the parts worth pinning."""
    return [(error["loc"], error["type"]) for error in response.json()["detail"]]
    # --8<-- [end:helper]


# --8<-- [start:whole_body]
@pytest.mark.asyncio
async def test_the_whole_422_body(client: httpx.AsyncClient) -> None:
    response = await client.post("/shops/1/orders", json={"sku": "ABC", "quantity": 0})

    assert response.status_code == 422
    assert response.json() == {
        "detail": [
            {
                "type": "greater_than",
                "loc": ["body", "quantity"],
                "msg": "Input should be greater than 0",
                "input": 0,
                "ctx": {"gt": 0},
            }
        ]
    }
    # --8<-- [end:whole_body]


# --8<-- [start:pinned]
@pytest.mark.asyncio
async def test_pin_where_and_why(client: httpx.AsyncClient) -> None:
    response = await client.post("/shops/1/orders", json={"sku": "ABC", "quantity": 0})

    assert response.status_code == 422
    assert where_and_why(response) == [(["body", "quantity"], "greater_than")]
    # --8<-- [end:pinned]


# --8<-- [start:all_at_once]
@pytest.mark.asyncio
async def test_path_query_and_body_errors_come_back_together(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/shops/main/orders", params={"gift": "maybe"}, json={"sku": "A", "quantity": "two"}
    )

    assert response.status_code == 422
    assert where_and_why(response) == [
        (["path", "shop_id"], "int_parsing"),
        (["query", "gift"], "bool_parsing"),
        (["body", "sku"], "string_too_short"),
        (["body", "quantity"], "int_parsing"),
    ]
    # --8<-- [end:all_at_once]


# --8<-- [start:body_itself]
@pytest.mark.asyncio
async def test_no_body_and_broken_json(client: httpx.AsyncClient) -> None:
    missing = await client.post("/shops/1/orders")
    broken = await client.post(
        "/shops/1/orders", content=b'{"sku": ', headers={"content-type": "application/json"}
    )

    assert where_and_why(missing) == [(["body"], "missing")]
    assert where_and_why(broken) == [(["body", 8], "json_invalid")]
    # --8<-- [end:body_itself]


# --8<-- [start:valid]
@pytest.mark.asyncio
async def test_strings_from_the_url_are_converted(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/shops/7/orders", params={"gift": "yes"}, json={"sku": "ABC", "quantity": 2}
    )

    assert response.status_code == 201
    assert response.json() == {"shop_id": 7, "sku": "ABC", "quantity": 2, "gift": True}
    # --8<-- [end:valid]
