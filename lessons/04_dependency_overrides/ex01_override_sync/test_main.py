import httpx
import pytest

from main import Settings, app, get_settings


@pytest.mark.asyncio
async def test_info_in_maintenance_mode() -> None:
    # --8<-- [start:override]
    app.dependency_overrides[get_settings] = lambda: Settings(maintenance=True)
    # --8<-- [end:override]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/info")
    app.dependency_overrides.clear()  # undo it; "Undoing overrides" below shows a safer place

    assert response.status_code == 503
    assert response.json() == {"detail": "Down for maintenance"}
