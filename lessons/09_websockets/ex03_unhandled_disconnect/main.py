from fastapi import FastAPI, WebSocket

app = FastAPI()


@app.websocket("/echo")
async def echo(websocket: WebSocket) -> None:
    await websocket.accept()
    while True:  # no `except WebSocketDisconnect`: the loop ends only by raising
        text = await websocket.receive_text()
        await websocket.send_text(f"echo: {text}")
