from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from main import app, outbox


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    outbox.clear()
    yield
    outbox.clear()


# --8<-- [start:has_run]
@pytest.mark.asyncio
async def test_welcome_email_is_sent() -> None:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        response = await client.post("/signups", json={"email": "ada@example.com"})

    assert response.status_code == 202
    assert outbox == ["Welcome aboard, ada@example.com!"]  # no waiting needed
    # --8<-- [end:has_run]


# --8<-- [start:order]
@pytest.mark.asyncio
async def test_body_is_sent_before_the_task_runs() -> None:
    seen: list[tuple[str, int]] = []  # (what happened, emails in the outbox by then)

    async def recording_app(scope: Any, receive: Any, send: Any) -> None:
        async def recording_send(message: Any) -> None:
            seen.append((message["type"], len(outbox)))
            await send(message)

        await app(scope, receive, recording_send)
        seen.append(("app returned", len(outbox)))

    transport = httpx.ASGITransport(app=recording_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://app.test") as client:
        await client.post("/signups", json={"email": "ada@example.com"})

    assert seen == [
        ("http.response.start", 0),
        ("http.response.body", 0),  # the whole response is out; no email yet
        ("app returned", 1),  # the background task ran in between
    ]
    # --8<-- [end:order]
