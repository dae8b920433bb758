from fastapi import BackgroundTasks, FastAPI
from pydantic import BaseModel

app = FastAPI()


async def send_welcome(email: str) -> None:
    raise ConnectionError(f"mail server refused the welcome email for {email}")


class Signup(BaseModel):
    email: str


@app.post("/signups", status_code=202)
async def sign_up(signup: Signup, background_tasks: BackgroundTasks) -> dict[str, str]:
    background_tasks.add_task(send_welcome, signup.email)
    return {"status": "accepted"}
