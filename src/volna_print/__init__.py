"""volna-print: print-ready pages of the weekly newspaper «Волна» from an issue manifest."""

__version__ = "0.1.0"
