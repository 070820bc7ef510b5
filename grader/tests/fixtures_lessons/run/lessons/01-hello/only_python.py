# only_python.py: an example with no C program (a grader test fixture).
print(type(len).__name__)
