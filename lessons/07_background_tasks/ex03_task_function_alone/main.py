from fastapi import BackgroundTasks, FastAPI
from pydantic import BaseModel

app = FastAPI()

outbox: list[str] = []  # stands in for a mail server


async def send_welcome(email: str) -> None:
    """Send one welcome email per address, however often a signup is retried."""
    message = f"Welcome aboard, {email}!"
    if message not in outbox:
        outbox.append(message)


class Signup(BaseModel):
    email: str


@app.post("/signups", status_code=202)
async def sign_up(signup: Signup, background_tasks: BackgroundTasks) -> dict[str, str]:
    background_tasks.add_task(send_welcome, signup.email)
    return {"status": "accepted"}
