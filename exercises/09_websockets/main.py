"""A team chat over WebSockets: the app under test in exercise 09.

Read it, but do not change it: your tests are what is being graded.
"""

from typing import Annotated

from fastapi import Depends, FastAPI, WebSocket, WebSocketDisconnect, WebSocketException, status

app = FastAPI(title="Team chat")

TOKENS = {"token-ada": "ada", "token-grace": "grace", "token-alan": "alan"}
"""Who each token logs in as (a real app would ask its session store)."""

rooms: dict[str, dict[WebSocket, str]] = {}  # room name -> {connection: user name}


def reset() -> None:
    """Empty every room: a clean slate for each test."""
    rooms.clear()


def current_user(token: str = "") -> str:
    """The user a `?token=` query parameter logs in as; anyone else is refused."""
    user = TOKENS.get(token)
    if user is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION, reason="unknown token")
    return user


@app.websocket("/rooms/{room}")
async def chat(
    websocket: WebSocket, room: str, user: Annotated[str, Depends(current_user)]
) -> None:
    """Everything a member sends goes to every member of the same room, sender included."""
    await websocket.accept()
    members = rooms.setdefault(room, {})
    members[websocket] = user
    try:
        while True:
            text = await websocket.receive_text()
            for member in list(members):
                await member.send_json({"from": user, "text": text})
    except WebSocketDisconnect:
        del members[websocket]
