"""Running the course's Python in the reader's browser, in Pyodide, inside a Web Worker.

The worker (`web/runner/worker.js`) loads Pyodide, installs the pinned wheels and this package,
unpacks the course files, and then calls :mod:`awaited.browser.session` for every Run and Check.
Nothing here is a second grader: a Check runs the same pytest plugin with the same arguments as
`awaited check`. What this package adds is what Pyodide lacks:

- :mod:`~awaited.browser.event_loop`: an event loop the tests can own (Pyodide's own WebLoop
  claims to be running, which both async pytest plugins refuse);
- :mod:`~awaited.browser.alarm`: the per-test time limit, without SIGALRM;
- :mod:`~awaited.browser.no_threads`: sync endpoints and `TestClient` without threads;
- :mod:`~awaited.browser.no_greenlet` and :mod:`~awaited.browser.inline_sqlite`: SQLAlchemy's
  asyncio layer on aiosqlite without greenlet and without aiosqlite's thread (lesson 05).
"""
