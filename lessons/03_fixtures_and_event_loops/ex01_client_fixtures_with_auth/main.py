from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()

# token -> (user name, is admin); a real app would ask an identity provider
TOKENS = {"alice-token": ("alice", False), "root-token": ("root", True)}

bearer = HTTPBearer(auto_error=False)


def current_user(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> tuple[str, bool]:
    if credentials is None or credentials.credentials not in TOKENS:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail="Not logged in")
    return TOKENS[credentials.credentials]


User = Annotated[tuple[str, bool], Depends(current_user)]


@app.get("/me")
async def me(user: User) -> dict[str, str]:
    return {"name": user[0]}


@app.get("/admin/stats")
async def stats(user: User) -> dict[str, int]:
    if not user[1]:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="Admins only")
    return {"users": len(TOKENS)}
