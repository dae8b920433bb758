import httpx
import pytest

from main import User, app, get_current_user


async def get_me() -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        return await client.get("/me")


@pytest.mark.asyncio
async def test_me_when_signed_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # --8<-- [start:setitem]
    # monkeypatch puts the dict back as it was when the test ends, pass or fail.
    monkeypatch.setitem(app.dependency_overrides, get_current_user, lambda: User(name="bob"))
    # --8<-- [end:setitem]

    response = await get_me()

    assert response.status_code == 200


@pytest.mark.asyncio
async def test_me_needs_a_token() -> None:
    response = await get_me()

    assert response.status_code == 401
