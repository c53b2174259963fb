"""Run mgcalc as ``python -m mgcalc``."""

from mgcalc.interfaces.cli import main

main()
