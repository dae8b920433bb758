from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel


class User(BaseModel):
    name: str
    is_admin: bool = False


# Stands in for verifying a signed token (a JWT, a session id...) against a real service.
TOKENS = {"secret-ada": User(name="ada", is_admin=True)}


async def get_current_user(authorization: Annotated[str | None, Header()] = None) -> User:
    scheme, _, token = (authorization or "").partition(" ")
    user = TOKENS.get(token) if scheme == "Bearer" else None
    if user is None:
        raise HTTPException(status_code=401, detail="Not signed in")
    return user


def require_admin(user: Annotated[User, Depends(get_current_user)]) -> User:
    if not user.is_admin:
        raise HTTPException(status_code=403, detail="Admins only")
    return user


app = FastAPI()


@app.get("/me")
async def me(user: Annotated[User, Depends(get_current_user)]) -> User:
    return user


@app.delete("/notes", status_code=204)
async def clear_notes(admin: Annotated[User, Depends(require_admin)]) -> None:
    return None
