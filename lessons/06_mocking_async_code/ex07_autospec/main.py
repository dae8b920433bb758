from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic import BaseModel


class Mailer:
    """Sends email through a remote API."""

    async def send(self, to: str, subject: str, body: str) -> str:
        raise RuntimeError("no email from tests")

    def outbox_size(self) -> int:
        raise RuntimeError("no email from tests")


def get_mailer() -> Mailer:
    return Mailer()


class SignUp(BaseModel):
    email: str


app = FastAPI()


@app.post("/signups", status_code=201)
async def sign_up(data: SignUp, mailer: Annotated[Mailer, Depends(get_mailer)]) -> dict[str, str]:
    await mailer.send(data.email, "Welcome!")  # the bug: `body` is missing
    return {"email": data.email}
