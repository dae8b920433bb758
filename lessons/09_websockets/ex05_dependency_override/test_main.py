from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from main import PriceFeed, app, current_user, get_feed


class FakeFeed(PriceFeed):
    async def latest(self, symbol: str) -> float:
        return 101.5


@pytest.fixture
def client() -> Iterator[TestClient]:
    app.dependency_overrides[get_feed] = FakeFeed
    app.dependency_overrides[current_user] = lambda: "ada"
    yield TestClient(app)
    app.dependency_overrides.clear()  # the next test gets the real dependencies


def test_prices_with_overridden_dependencies(client: TestClient) -> None:
    with client.websocket_connect("/prices") as websocket:
        websocket.send_text("ACME")
        assert websocket.receive_json() == {"user": "ada", "ACME": 101.5}
