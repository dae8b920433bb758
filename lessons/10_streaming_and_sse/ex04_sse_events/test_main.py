import json

import httpx
import pytest

from main import app


# --8<-- [start:wire]
@pytest.mark.asyncio
async def test_the_wire_format() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/deploys/7/events")

    assert response.headers["content-type"] == "text/event-stream; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    assert response.text == (
        'event: step\ndata: {"deploy": 7, "step": "build"}\nid: 1\n\n'
        'event: step\ndata: {"deploy": 7, "step": "test"}\nid: 2\n\n'
        'event: step\ndata: {"deploy": 7, "step": "ship"}\nid: 3\n\n'
        ": all steps sent\n\n"
        "event: done\ndata: deploy finished\ndata: no errors\n\n"
    )
    # --8<-- [end:wire]


# --8<-- [start:parser]
def parse_events(text: str) -> list[dict[str, str]]:
    """Split an event stream into events: enough of the SSE rules for these tests."""
    events = []
    for block in text.split("\n\n"):
        event: dict[str, str] = {}
        for line in block.splitlines():
            if line.startswith(":"):
                continue  # a comment: clients ignore it
            field, _, value = line.partition(": ")
            if field == "data" and "data" in event:
                event["data"] += "\n" + value  # several data lines make one value
            else:
                event[field] = value
        if event:
            events.append(event)
    return events


@pytest.mark.asyncio
async def test_the_events() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.get("/deploys/7/events")

    events = parse_events(response.text)
    assert [event["event"] for event in events] == ["step", "step", "step", "done"]
    assert json.loads(events[0]["data"]) == {"deploy": 7, "step": "build"}
    assert [event.get("id") for event in events] == ["1", "2", "3", None]
    assert events[-1]["data"] == "deploy finished\nno errors"
    # --8<-- [end:parser]
