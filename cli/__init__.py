"""The command line: ``python main.py [--library PATH] COMMAND``.

A thin layer over ``services`` and ``storage.Library``: ``cli.root`` holds the
root group and ``run``, ``cli.context`` what every command shares, and one
module per command group does the rest. Nothing is imported here, so
importing one command module never loads the others.
"""
