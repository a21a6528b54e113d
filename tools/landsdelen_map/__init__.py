"""The build of the landsdelen map: `python -m tools.landsdelen_map` (or `make map`).

It reads the boundary files in `data/` and writes the files the site uses, which are committed:
the SVG map `templates/includes/landsdelen_map.svg.html` and the table of municipalities and
their landsdelen `regions/data/municipalities.json`. `--check` writes nothing and fails
while a committed file differs from what the build makes (`tests/test_map.py` runs it).
"""
