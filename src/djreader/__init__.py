"""djreader: a terminal reader for Chinese news and Party-building documents."""

__version__ = "0.1.0"
