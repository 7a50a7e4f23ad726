"""Subcommands of the djreader command line."""
