"""Pure rules of Goalpost: periods, measures, streaks, points and validation.

Nothing here does I/O or reads the clock; time always comes in as an argument.
"""
