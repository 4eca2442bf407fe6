"""From raw counts to what an audience may see: labelled, protected tables and figures.

`disclosure` holds the one rule for counts of people (exact for team members on their own
screen, rounded to 5 for everything that leaves the team); the other modules here turn the
small frames that reads return into what pages, slides, files and the API show, through it.
"""
