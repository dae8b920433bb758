from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import BackgroundTasks, Depends, FastAPI

app = FastAPI()


class Session:
    """Stands in for a database session: usable until it is closed."""

    def __init__(self) -> None:
        self.closed = False
        self.saved: list[str] = []

    async def save(self, row: str) -> None:
        if self.closed:
            raise RuntimeError("the session is closed")
        self.saved.append(row)


sessions: list[Session] = []


async def get_session() -> AsyncIterator[Session]:
    session = Session()
    sessions.append(session)
    yield session
    session.closed = True  # the exit code of the dependency


async def audit(session: Session, action: str) -> None:
    await session.save(f"audit: {action}")


@app.post("/orders", status_code=202)
async def order(
    session: Annotated[Session, Depends(get_session)],
    background_tasks: BackgroundTasks,
) -> dict[str, str]:
    background_tasks.add_task(audit, session, "order placed")
    return {"status": "accepted"}


@app.post("/refunds", status_code=202)
async def refund(
    session: Annotated[Session, Depends(get_session, scope="function")],
    background_tasks: BackgroundTasks,
) -> dict[str, str]:
    background_tasks.add_task(audit, session, "refund issued")
    return {"status": "accepted"}
