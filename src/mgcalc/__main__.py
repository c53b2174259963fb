"""Run mgcalc as ``python -m mgcalc``."""

from mgcalc.interfaces.entry import main

main()
