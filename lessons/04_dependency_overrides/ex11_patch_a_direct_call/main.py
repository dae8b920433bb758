from datetime import datetime

from fastapi import FastAPI

app = FastAPI()


def now() -> datetime:
    return datetime.now()


@app.get("/greeting")
async def greeting() -> dict[str, str]:
    hour = now().hour  # a plain call, looked up in this module each time: no Depends
    return {"greeting": "Good morning" if hour < 12 else "Good afternoon"}
