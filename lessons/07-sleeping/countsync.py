import time


def count() -> None:
    print("One")
    time.sleep(1)
    print("Two")


def main() -> None:
    for _ in range(3):
        count()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"countsync exec in {time.perf_counter() - start:.2f} seconds.")
