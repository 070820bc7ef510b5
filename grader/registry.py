"""The check kinds: each is one function, registered with @check, that
declares the check.toml keys it reads (spec.py validates a [[check]] by
them) and whether it judges what a program printed or how it ran."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from grader.context import Context
    from grader.results import CheckResult
    from grader.spec import Check

CheckFn = Callable[["Check", "Context"], "CheckResult"]


@dataclass(frozen=True)
class Kind:
    name: str
    fn: CheckFn
    keys: frozenset[str]                       # beyond kind/name/points/...
    required: tuple[tuple[str, ...], ...] = ()  # each: one of these at least
    exclusive: tuple[tuple[str, ...], ...] = ()  # of these groups: only one
    output: bool = False      # judges what the program printed
    behaviour: bool = False   # judges how it ran: counts once output is right


KINDS: dict[str, Kind] = {}


def check(name: str, keys: tuple[str, ...] = (),
          required: tuple[tuple[str, ...], ...] = (),
          exclusive: tuple[tuple[str, ...], ...] = (),
          output: bool = False, behaviour: bool = False
          ) -> Callable[[CheckFn], CheckFn]:
    """Register fn as the judge of checks of kind `name`, reading `keys`
    (each group in `required` must have one of its keys present; of a
    group also in `exclusive`, only one)."""
    def register(fn: CheckFn) -> CheckFn:
        KINDS[name] = Kind(name, fn, frozenset(keys), required, exclusive,
                           output, behaviour)
        return fn
    return register
