"""Run mgcalc as ``python -m mgcalc``."""

from mgcalc.interfaces.entry import main

if __name__ == "__main__":  # not when a spawned batch worker imports the main module
    main()
