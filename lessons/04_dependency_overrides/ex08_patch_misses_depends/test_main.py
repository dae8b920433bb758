from unittest.mock import patch

import httpx
import pytest

from main import User, app


@pytest.mark.asyncio
async def test_me_with_a_patched_dependency() -> None:
    # Replaces the name `get_current_user` in main. The route does not look it up by name.
    with patch("main.get_current_user", return_value=User(name="bob")):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
            response = await client.get("/me")

    assert response.status_code == 200
