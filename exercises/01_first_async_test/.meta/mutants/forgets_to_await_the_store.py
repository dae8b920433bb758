"""the book lookup forgets to `await` the store, so it crashes instead of answering."""

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel

app = FastAPI(title="Reading list")


class BookIn(BaseModel):
    title: str
    author: str


class Book(BookIn):
    id: int


class BookStore:
    """Keeps books in memory, behind an async API like a real database driver's."""

    def __init__(self) -> None:
        self._books: dict[int, Book] = {}

    async def add(self, data: BookIn) -> Book:
        book = Book(id=len(self._books) + 1, **data.model_dump())
        self._books[book.id] = book
        return book

    async def get(self, book_id: int) -> Book | None:
        return self._books.get(book_id)


store = BookStore()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "up"}


@app.post("/books", status_code=status.HTTP_201_CREATED)
async def create_book(data: BookIn) -> Book:
    return await store.add(data)


@app.get("/books/{book_id}")
async def read_book(book_id: int) -> Book:
    book = store.get(book_id)
    if book is None:
        raise HTTPException(status_code=404, detail="Book not found")
    return book
