"""asyncbook's grader: build, run and judge the exercises (grade.py)."""
