"""the report job stores its count but leaves the report's status at "building"."""

import asyncio

from fastapi import BackgroundTasks, FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="Newsletter")

PAGE_SIZE = 2
"""How many subscribers a report job counts per step."""

subscribers: dict[str, str] = {}  # email -> name
outbox: list[dict[str, str]] = []  # every email "sent", in order (stands in for a mail server)
reports: dict[int, dict[str, object]] = {}
# The report jobs still running. asyncio keeps only weak references to tasks, so the app keeps
# strong ones; a test can await them.
running_jobs: set[asyncio.Task[None]] = set()


def reset() -> None:
    """Forget every subscriber, email and report: a clean slate for each test."""
    subscribers.clear()
    outbox.clear()
    reports.clear()


class Subscriber(BaseModel):
    email: str
    name: str


async def send_welcome(email: str, name: str) -> None:
    """Email a welcome, once per address, however often the signup is retried."""
    if any(sent["to"] == email for sent in outbox):
        return
    outbox.append({"to": email, "subject": f"Welcome, {name}!"})


async def count_subscribers(report_id: int) -> None:
    """Count the subscribers a page at a time, letting other work run between pages."""
    emails = list(subscribers)
    total = 0
    for start in range(0, len(emails), PAGE_SIZE):
        total += len(emails[start : start + PAGE_SIZE])
        await asyncio.sleep(0)  # a real job would await its database here
    reports[report_id]["subscribers"] = total  # the count is stored; the status is not


@app.post("/subscribers", status_code=202)
async def subscribe(subscriber: Subscriber, background_tasks: BackgroundTasks) -> dict[str, str]:
    subscribers[subscriber.email] = subscriber.name
    background_tasks.add_task(send_welcome, subscriber.email, subscriber.name)
    return {"status": "subscribed"}


@app.post("/reports", status_code=202)
async def start_report() -> dict[str, int]:
    report_id = len(reports) + 1
    reports[report_id] = {"status": "building"}
    job = asyncio.create_task(count_subscribers(report_id))
    running_jobs.add(job)
    job.add_done_callback(running_jobs.discard)
    return {"report_id": report_id}


@app.get("/reports/{report_id}")
async def read_report(report_id: int) -> dict[str, object]:
    if report_id not in reports:
        raise HTTPException(status_code=404, detail="Report not found")
    return reports[report_id]
