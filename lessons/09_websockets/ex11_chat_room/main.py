from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class Room:
    """Everyone connected to the chat, and a way to reach them all."""

    def __init__(self) -> None:
        self.members: dict[WebSocket, str] = {}

    async def broadcast(self, message: dict[str, str]) -> None:
        for websocket in list(self.members):
            await websocket.send_json(message)


room = Room()


@app.websocket("/chat")
async def chat(websocket: WebSocket, name: str) -> None:
    await websocket.accept()
    room.members[websocket] = name
    await room.broadcast({"joined": name})
    try:
        while True:
            text = await websocket.receive_text()
            await room.broadcast({"from": name, "text": text})
    except WebSocketDisconnect:
        del room.members[websocket]
        await room.broadcast({"left": name})
