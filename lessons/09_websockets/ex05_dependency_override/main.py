from typing import Annotated

from fastapi import Depends, FastAPI, WebSocket, WebSocketException, status

app = FastAPI()


class PriceFeed:
    """Stands in for a connection to a market data service."""

    async def latest(self, symbol: str) -> float:
        raise ConnectionError("no market data service in tests")


def get_feed() -> PriceFeed:
    return PriceFeed()


def current_user(websocket: WebSocket) -> str:
    user = websocket.cookies.get("session")  # a real app would look the session up
    if user is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
    return user


@app.websocket("/prices")
async def prices(
    websocket: WebSocket,
    user: Annotated[str, Depends(current_user)],
    feed: Annotated[PriceFeed, Depends(get_feed)],
) -> None:
    await websocket.accept()
    symbol = await websocket.receive_text()
    await websocket.send_json({"user": user, symbol: await feed.latest(symbol)})
