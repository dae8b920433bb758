import asyncio

import pytest


@pytest.mark.timeout(0.5)  # pytest-timeout: stop this test after half a second
@pytest.mark.asyncio
async def test_waits_for_an_event_nobody_sets() -> None:
    await asyncio.Event().wait()
