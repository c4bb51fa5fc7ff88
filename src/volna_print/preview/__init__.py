"""The local preview: a live page plan of an issue, drawn from the same PDF the build writes."""
