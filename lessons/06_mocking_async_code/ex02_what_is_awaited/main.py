from typing import Any, Protocol


class Pool(Protocol):
    """The shape of an async database driver's pool (asyncpg's, for one)."""

    def acquire(self) -> Any: ...


async def count_active_users(pool: Pool) -> int:
    # acquire() is a plain call; what it returns is used with `async with`.
    async with pool.acquire() as connection:
        active = 0
        # cursor() is a plain call too; what it returns is used with `async for`.
        async for row in connection.cursor("SELECT active FROM users"):
            active += row["active"]
        return active
