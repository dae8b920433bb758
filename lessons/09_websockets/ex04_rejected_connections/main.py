from typing import Annotated

from fastapi import (
    Depends,
    FastAPI,
    Header,
    HTTPException,
    Query,
    WebSocket,
    WebSocketException,
    status,
)

app = FastAPI()

TOKENS = {"secret-ada": "ada"}


# --8<-- [start:query]
@app.websocket("/feed")
async def feed(websocket: WebSocket, token: Annotated[str, Query()] = "") -> None:
    if token not in TOKENS:  # refuse before accepting: the handshake fails
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="unknown token")
        return
    await websocket.accept()
    await websocket.send_json({"hello": TOKENS[token]})
    await websocket.close(code=4000, reason="feed over")  # an app-defined code: 4000-4999
    # --8<-- [end:query]


# --8<-- [start:header]
def user_from_header(authorization: Annotated[str, Header()] = "") -> str:
    user = TOKENS.get(authorization.removeprefix("Bearer "))
    if user is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION, reason="log in first")
    return user


def user_or_401(authorization: Annotated[str, Header()] = "") -> str:
    user = TOKENS.get(authorization.removeprefix("Bearer "))
    if user is None:
        raise HTTPException(status_code=401, detail="log in first")
    return user


@app.websocket("/inbox")
async def inbox(websocket: WebSocket, user: Annotated[str, Depends(user_from_header)]) -> None:
    await websocket.accept()
    await websocket.send_text(f"inbox of {user}")


@app.websocket("/outbox")
async def outbox(websocket: WebSocket, user: Annotated[str, Depends(user_or_401)]) -> None:
    await websocket.accept()
    await websocket.send_text(f"outbox of {user}")
    # --8<-- [end:header]
