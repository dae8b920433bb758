from fastapi import FastAPI

app = FastAPI()


@app.get("/reports/{report_id}")
async def read_report(report_id: int) -> dict[str, object]:
    raise RuntimeError("connection to reports-db:5432 refused")
