from collections.abc import AsyncIterable

from fastapi import FastAPI
from fastapi.sse import EventSourceResponse, ServerSentEvent

app = FastAPI()


@app.get("/deploys/{deploy_id}/events", response_class=EventSourceResponse)
async def deploy_events(deploy_id: int) -> AsyncIterable[ServerSentEvent]:
    for number, step in enumerate(["build", "test", "ship"], start=1):
        yield ServerSentEvent(
            event="step", data={"deploy": deploy_id, "step": step}, id=str(number)
        )
    yield ServerSentEvent(comment="all steps sent")
    yield ServerSentEvent(event="done", raw_data="deploy finished\nno errors")
