from collections.abc import Iterator

import pytest
from fastapi import BackgroundTasks

from main import Signup, outbox, send_welcome, sign_up


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    outbox.clear()
    yield
    outbox.clear()


# --8<-- [start:function]
@pytest.mark.asyncio
async def test_send_welcome_sends_one_email_per_address() -> None:
    await send_welcome("ada@example.com")
    await send_welcome("ada@example.com")  # a retried signup

    assert outbox == ["Welcome aboard, ada@example.com!"]
    # --8<-- [end:function]


# --8<-- [start:endpoint]
@pytest.mark.asyncio
async def test_sign_up_schedules_the_email_without_sending_it() -> None:
    background_tasks = BackgroundTasks()

    answer = await sign_up(Signup(email="ada@example.com"), background_tasks)

    assert answer == {"status": "accepted"}
    assert outbox == []  # add_task only records the call
    [task] = background_tasks.tasks
    assert task.func is send_welcome
    assert task.args == ("ada@example.com",)
    # --8<-- [end:endpoint]
