"""The UI-free core: loading, cleaning, typesetting, recognition and search.

Nothing under this package may import Textual; a test enforces it.
"""
