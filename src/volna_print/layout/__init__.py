"""Layout stage: grid geometry, measuring, placement and fitting of every frame of an issue."""
