from unittest.mock import AsyncMock

import pytest

from main import count_active_users


@pytest.mark.asyncio
async def test_count_active_users() -> None:
    pool = AsyncMock()  # every method is async now, acquire() included

    assert await count_active_users(pool) == 2
