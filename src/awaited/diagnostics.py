"""Turns the raw errors beginners hit into one sentence that says what to do."""

from __future__ import annotations

import re

# (pattern in the error text, what it means for the learner). First match wins.
EXPLANATIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"unexpected keyword argument 'app'"),
        "httpx 0.28 removed `AsyncClient(app=...)`: pass "
        "`transport=httpx.ASGITransport(app=app)` instead.",
    ),
    (
        re.compile(r"async def functions are not natively supported"),
        "This `async def` test was never run: mark it `@pytest.mark.asyncio` "
        "(or `@pytest.mark.anyio`).",
    ),
    (
        re.compile(r"'coroutine' object has no attribute"),
        "You used the result of an async call without `await`: write `await client.get(...)`.",
    ),
    (
        re.compile(r"coroutine '[^']+' was never awaited"),
        "A coroutine was created but never awaited: look for an async call missing `await`.",
    ),
    (
        re.compile(r"requested an async fixture '[^']+'|pytest_asyncio.fixture"),
        "In strict mode an async fixture needs `@pytest_asyncio.fixture`, not `@pytest.fixture`.",
    ),
    (
        re.compile(r"fixture '[^']+' not found"),
        "The test asks for a fixture that does not exist: check its name.",
    ),
]


def explain(error_text: str) -> str | None:
    for pattern, advice in EXPLANATIONS:
        if pattern.search(error_text):
            return advice
    return None
