# errands.py: three blocking waits one after another; the clock shows
# that the total is their sum (lesson 01).
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Errand:
    name: str
    seconds: float


start = time.perf_counter()


def run_errand(e: Errand) -> None:
    print(f"{time.perf_counter() - start:5.2f} s  start {e.name}")
    time.sleep(e.seconds)
    print(f"{time.perf_counter() - start:5.2f} s  done  {e.name}")


def main() -> None:
    for e in (Errand("the kettle", 1.5), Errand("the download", 0.5),
              Errand("the toaster", 1.0)):
        run_errand(e)
    print(f"all done after {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
