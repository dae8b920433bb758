"""The same lifespan written two ways: shutdown code after the yield, or in a finally."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

log: list[str] = []


@asynccontextmanager
async def plain_lifespan(app: FastAPI) -> AsyncIterator[None]:
    log.append("startup")
    yield
    log.append("shutdown")


@asynccontextmanager
async def careful_lifespan(app: FastAPI) -> AsyncIterator[None]:
    log.append("startup")
    try:
        yield
    finally:
        log.append("shutdown")


plain_app = FastAPI(lifespan=plain_lifespan)
careful_app = FastAPI(lifespan=careful_lifespan)
