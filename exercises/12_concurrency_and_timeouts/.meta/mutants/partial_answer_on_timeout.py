"""a slow seat map gives 200 with an empty list of free seats instead of 504."""

import asyncio
from typing import Annotated, Protocol

import anyio
from fastapi import Depends, FastAPI, HTTPException

app = FastAPI(title="Box office")

PRICE_CENTS = 4500

seats = {"left": 2}
# One booking at a time between reading the seats left and writing them back. An anyio lock,
# not an asyncio one: an asyncio.Lock stays tied to the event loop of the first test that
# waited on it, and every test gets a new loop.
booking_lock = anyio.Lock()


def reset(seats_left: int = 2) -> None:
    """Put the seats back: a clean slate for each test."""
    seats["left"] = seats_left


class Payments(Protocol):
    async def charge(self, cents: int) -> None: ...


class CardPayments:
    async def charge(self, cents: int) -> None:
        """In production: a call to the card provider, which takes a while."""


async def get_payments() -> Payments:
    return CardPayments()


class SeatMap(Protocol):
    async def free_seats(self) -> list[str]: ...


class VenueSeatMap:
    async def free_seats(self) -> list[str]:
        """In production: a call to the venue's seat map service, which is sometimes slow."""
        return ["A1", "A2"]


async def get_seat_map() -> SeatMap:
    return VenueSeatMap()


async def get_deadline() -> float:
    """How long the seat map service may take, in seconds."""
    return 2.0


@app.post("/bookings", status_code=201)
async def book(payments: Annotated[Payments, Depends(get_payments)]) -> dict[str, int]:
    async with booking_lock:
        left = seats["left"]
        if left == 0:
            raise HTTPException(status_code=409, detail="sold out")
        await payments.charge(PRICE_CENTS)
        seats["left"] = left - 1
    return {"seats_left": left - 1}


@app.get("/seating")
async def seating(
    seat_map: Annotated[SeatMap, Depends(get_seat_map)],
    deadline: Annotated[float, Depends(get_deadline)],
) -> dict[str, object]:
    try:
        async with asyncio.timeout(deadline):
            free = await seat_map.free_seats()
    except TimeoutError:
        free = []  # answer with what we have: nothing
    return {"seats_left": seats["left"], "free_seats": free}
