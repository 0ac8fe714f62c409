"""The benchmark data generator: a cooperation office's records at any size, from a seed.

Tooling, not part of the application: it is no installed app and ships in no wheel. The
benchmarks run it from `benchmarks/` (`import datagen`, as `benchmarks/dataset.py` does); the
tests import it as `benchmarks.datagen`, from the repository's root. Inside the package the
modules import each other relatively, so both names work.
"""
