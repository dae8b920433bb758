from unittest.mock import MagicMock

import httpx
import pytest

from main import User, app, get_current_user


@pytest.mark.asyncio
async def test_me_with_a_mock_override() -> None:
    app.dependency_overrides[get_current_user] = MagicMock(return_value=User(name="bob"))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/me")
    app.dependency_overrides.clear()

    assert response.status_code == 200, response.json()
