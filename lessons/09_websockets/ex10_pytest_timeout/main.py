from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


@app.websocket("/notifications")
async def notifications(websocket: WebSocket) -> None:
    await websocket.accept()
    try:
        while True:
            await websocket.receive_text()  # waits for the client; sends nothing back yet
    except WebSocketDisconnect:
        pass
