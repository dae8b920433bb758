from typing import Annotated

from fastapi import FastAPI, Header, HTTPException

app = FastAPI()

TOKENS = {"secret-token": "ada"}
NOTES = {1: {"owner": "ada", "text": "buy milk"}}


def current_user(authorization: str | None) -> str:
    token = (authorization or "").removeprefix("Bearer ")
    if token not in TOKENS:
        raise HTTPException(
            status_code=401,
            detail="Not authenticated",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return TOKENS[token]


@app.get("/notes/{note_id}")
async def read_note(
    note_id: int, authorization: Annotated[str | None, Header()] = None
) -> dict[str, str]:
    user = current_user(authorization)
    note = NOTES.get(note_id)
    if note is None or note["owner"] != user:
        raise HTTPException(status_code=404, detail={"error": "note_not_found", "id": note_id})
    return {"text": note["text"]}
