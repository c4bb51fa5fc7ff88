"""Package data of an installed volna-print: the paper designs and the fonts (see resources.py)."""
