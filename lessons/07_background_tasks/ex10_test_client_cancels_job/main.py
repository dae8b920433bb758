import asyncio

from fastapi import FastAPI

app = FastAPI()

reports: dict[int, str] = {}


async def build_report(report_id: int) -> None:
    reports[report_id] = "building"
    try:
        await asyncio.sleep(60)  # a slow job: it outlives any test request
        reports[report_id] = "ready"
    except asyncio.CancelledError:
        reports[report_id] = "cancelled"
        raise


@app.post("/reports/{report_id}", status_code=202)
async def request_report(report_id: int) -> dict[str, str]:
    asyncio.create_task(build_report(report_id))  # noqa: RUF006 (fire and forget)
    return {"status": "building"}
