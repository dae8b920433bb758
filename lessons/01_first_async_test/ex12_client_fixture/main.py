from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Greeting(BaseModel):
    name: str


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "up"}


@app.post("/greetings", status_code=201)
async def greet(greeting: Greeting) -> dict[str, str]:
    return {"message": f"Hello, {greeting.name}!"}
