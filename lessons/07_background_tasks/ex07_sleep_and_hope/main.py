import asyncio

from fastapi import FastAPI

app = FastAPI()

reports: dict[int, str] = {}


async def build_report(report_id: int) -> None:
    await asyncio.sleep(0.05)  # the slow part: a big query, a PDF renderer...
    reports[report_id] = "ready"


@app.post("/reports/{report_id}", status_code=202)
async def request_report(report_id: int) -> dict[str, str]:
    asyncio.create_task(build_report(report_id))  # noqa: RUF006 (fire and forget: the trap)
    return {"status": "building"}
