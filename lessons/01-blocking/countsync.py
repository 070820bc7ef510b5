# countsync.py: the asyncio-free baseline of lesson 01; three blocking
# counts take three seconds.
import time


def count() -> None:
    print("One")
    time.sleep(1)
    print("Two")


def main() -> None:
    for _ in range(3):
        count()


if __name__ == "__main__":
    s = time.perf_counter()
    main()
    elapsed = time.perf_counter() - s
    print(f"countsync exec in {elapsed:0.2f} seconds.")
