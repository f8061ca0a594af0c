"""``python -m checker`` runs the command-line interface."""

from checker.cli import main

main()
