import httpx


async def latest_rate(client: httpx.AsyncClient) -> float:
    response = await client.get("https://rates.example/latest", params={"to": "USD"})
    return float(response.json()["rate"])  # get() is awaited; json() is a plain method
