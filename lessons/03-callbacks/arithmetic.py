# arithmetic.py: a function that takes another function and calls it on
# every number (lesson 03).
from typing import Callable


def arithmetic(num: list[int], callback: Callable[[int], int]) -> list[int]:
    val = []
    for i in num:
        val.append(callback(i))
    return val


def square(num: int) -> int:
    return num**2


def cube(num: int) -> int:
    return num**3


print(arithmetic([2, 3, 5], square))
print(arithmetic([2, 3, 5], cube))
