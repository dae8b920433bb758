import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()
logger = logging.getLogger("reports")


# --8<-- [start:handler]
@app.exception_handler(Exception)
async def crashed(request: Request, exc: Exception) -> JSONResponse:
    logger.error("request to %s failed: %r", request.url.path, exc)  # details stay in the log
    return JSONResponse(status_code=500, content={"error": "internal", "detail": "Please retry"})
    # --8<-- [end:handler]


@app.get("/reports/{report_id}")
async def read_report(report_id: int) -> dict[str, object]:
    raise RuntimeError("connection to reports-db:5432 refused")
