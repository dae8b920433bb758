from typing import Annotated

from fastapi import Depends, FastAPI
from pydantic import BaseModel


class Mailer:
    """Sends email through a remote API; every call is a network round trip."""

    async def send(self, to: str, subject: str) -> str:
        raise RuntimeError("no email from tests")


def get_mailer() -> Mailer:
    return Mailer()


class SignUp(BaseModel):
    email: str


app = FastAPI()


@app.post("/signups", status_code=201)
async def sign_up(data: SignUp, mailer: Annotated[Mailer, Depends(get_mailer)]) -> dict[str, str]:
    mailer.send(data.email, "Welcome!")  # the bug: no await, so no email is ever sent
    return {"email": data.email}
