from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()

events: list[str] = []  # what the server saw, for the tests to read


@app.websocket("/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    events.append("accepted")
    try:
        while True:
            message = await websocket.receive_json()
            await websocket.send_json({"echo": message["text"], "length": len(message["text"])})
    except WebSocketDisconnect as disconnect:
        events.append(f"client left with code {disconnect.code}")
