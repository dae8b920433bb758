from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from main import User, app, get_current_user, require_role


@pytest_asyncio.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        yield client
    app.dependency_overrides.clear()


@pytest.mark.asyncio
async def test_override_the_factory_result(client: httpx.AsyncClient) -> None:
    # A brand-new checker, not the one the route holds: this key matches nothing.
    app.dependency_overrides[require_role("auditor")] = lambda: User(name="eve")

    response = await client.get("/reports")

    assert response.status_code == 200


@pytest.mark.asyncio
async def test_override_the_shared_dependency(client: httpx.AsyncClient) -> None:
    # The checker still runs, on the user we provide: the role check is tested too.
    app.dependency_overrides[get_current_user] = lambda: User(name="eve", roles=["auditor"])

    response = await client.get("/reports")

    assert response.json() == {"for": "eve"}
