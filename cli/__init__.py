"""The command line: ``python main.py [--library PATH] COMMAND``.

A thin layer over ``storage.Library`` and ``capture``; every command's work
is done by those packages.
"""

from cli.root import main

__all__ = ["main"]
