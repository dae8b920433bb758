from fastapi import FastAPI, HTTPException


class NoteStore:
    """Keeps notes in memory behind an async API, the way an async database driver would."""

    def __init__(self) -> None:
        self._notes: dict[int, str] = {}

    async def add(self, text: str) -> int:
        note_id = len(self._notes) + 1
        self._notes[note_id] = text
        return note_id

    async def get(self, note_id: int) -> str | None:
        return self._notes.get(note_id)


store = NoteStore()
app = FastAPI()


@app.get("/notes/{note_id}")
async def read_note(note_id: int) -> dict[str, int | str]:
    text = await store.get(note_id)
    if text is None:
        raise HTTPException(status_code=404, detail="Note not found")
    return {"id": note_id, "text": text}
