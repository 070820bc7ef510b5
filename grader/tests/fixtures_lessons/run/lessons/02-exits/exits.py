# exits.py: the twin of exits.c (a grader test fixture); it says why it
# stops on stderr, as Python does.
import os
import sys

print("exiting")
sys.exit(f"exits.py: ASYNC_DEBUG is {os.environ.get('ASYNC_DEBUG')}")
