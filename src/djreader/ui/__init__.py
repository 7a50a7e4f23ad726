"""The Textual UI over djreader.core."""
