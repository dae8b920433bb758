from fastapi.testclient import TestClient

from main import app, open_feeds


def test_read_three_ticks_then_leave() -> None:
    client = TestClient(app)

    with client.stream("GET", "/feeds/prices") as response:
        lines = []
        for line in response.iter_lines():
            lines.append(line)
            if len(lines) == 3:
                break  # an endless stream: stop reading whenever you like
        assert open_feeds == {"prices"}  # the generator is still running

    assert lines == ["tick 0", "tick 1", "tick 2"]
    assert open_feeds == set()  # leaving the block closed the stream
