import httpx
import pytest
from fastapi.exceptions import ResponseValidationError

from main import app


# --8<-- [start:default]
@pytest.mark.asyncio
async def test_the_bad_product_is_a_500() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/products/2")

    assert response.status_code == 500  # never reached: the line above raises
    # --8<-- [end:default]


# --8<-- [start:raises]
@pytest.mark.asyncio
async def test_the_response_model_rejects_the_row() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        with pytest.raises(ResponseValidationError) as caught:
            await client.get("/products/2")

    [error] = caught.value.errors()
    assert (error["loc"], error["type"]) == (("response", "price"), "float_type")
    # --8<-- [end:raises]


# --8<-- [start:no_raise]
@pytest.mark.asyncio
async def test_the_client_gets_a_bare_500() -> None:
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/products/2")

    assert response.status_code == 500
    assert response.text == "Internal Server Error"
    # --8<-- [end:no_raise]
