import asyncio

from fastapi import FastAPI

app = FastAPI()

reports: dict[int, str] = {}
# Strong references to the jobs still running: asyncio itself keeps only weak ones.
running_jobs: set[asyncio.Task[None]] = set()


async def build_report(report_id: int) -> None:
    await asyncio.sleep(0.05)  # the slow part: a big query, a PDF renderer...
    reports[report_id] = "ready"


def start_job(report_id: int) -> None:
    job = asyncio.create_task(build_report(report_id))
    running_jobs.add(job)
    job.add_done_callback(running_jobs.discard)  # forget it once it is done


@app.post("/reports/{report_id}", status_code=202)
async def request_report(report_id: int) -> dict[str, str]:
    start_job(report_id)
    return {"status": "building"}
