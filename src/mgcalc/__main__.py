"""Run mgcalc as ``python -m mgcalc``."""

from mgcalc.cli import main

main()
