"""`python -m awaited`: the same CLI as the `awaited` script (the starter repo's CI uses it)."""

from awaited.cli import main

main()
