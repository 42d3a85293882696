"""Browser tests of the USB copy (a package, so its conftest does not shadow tests/conftest.py)."""
