from unittest.mock import MagicMock

import pytest

from main import count_active_users

ROWS = [{"active": 1}, {"active": 0}, {"active": 1}]


@pytest.mark.asyncio
async def test_count_active_users() -> None:
    # --8<-- [start:arrange]
    pool = MagicMock()  # plain calls stay plain: pool.acquire() returns a MagicMock
    connection = MagicMock()  # not left to the default: see "__aenter__ returns" below
    pool.acquire.return_value.__aenter__.return_value = connection  # async with ... as connection
    connection.cursor.return_value.__aiter__.return_value = ROWS  # async for row in ...
    # --8<-- [end:arrange]

    assert await count_active_users(pool) == 2
    connection.cursor.assert_called_once_with("SELECT active FROM users")
    pool.acquire.return_value.__aexit__.assert_awaited_once()  # the connection went back
