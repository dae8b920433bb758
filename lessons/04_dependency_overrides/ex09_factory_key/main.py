from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel


class User(BaseModel):
    name: str
    roles: list[str] = []


async def get_current_user(authorization: Annotated[str | None, Header()] = None) -> User:
    raise HTTPException(status_code=401, detail="Not signed in")  # no tokens in this example


def require_role(role: str) -> Callable[[User], User]:
    """A dependency factory: every call builds a new checker function."""

    def checker(user: Annotated[User, Depends(get_current_user)]) -> User:
        if role not in user.roles:
            raise HTTPException(status_code=403, detail=f"Needs the {role} role")
        return user

    return checker


app = FastAPI()


@app.get("/reports")
async def reports(user: Annotated[User, Depends(require_role("auditor"))]) -> dict[str, str]:
    return {"for": user.name}
