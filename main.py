"""Readshelf entry point: the window by default, subcommands for scripting.

python main.py                 open the window on the default library
python main.py --help          list the commands
"""

from cli.root import main

if __name__ == "__main__":
    main()
