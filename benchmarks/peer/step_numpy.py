"""One SGD step of chapter 7's network in NumPy float32, the peer of TrainingStep.java:
784 inputs, five hidden layers of 32 sigmoids, one sigmoid output, binary cross-entropy, minibatch 32,
learning rate 0.1, weights N(0, 1/n_in). Random pixels stand in for digits: the cost of a step does not
depend on the values. Prints the median wall time per step in milliseconds over blocks of 500 steps, and
the process's CPU time per timed step, as the Java harnesses do.
Usage: OMP_NUM_THREADS=1 python3 step_numpy.py
"""
import time

import numpy as np


def main():
    rng = np.random.default_rng(1)
    sizes = [784, 32, 32, 32, 32, 32, 1]
    weights = [(rng.standard_normal((a, b)) / np.sqrt(a)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    biases = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
    x = rng.random((32, 784), dtype=np.float32)
    y = (rng.random((32, 1)) < 0.5).astype(np.float32)
    eta = np.float32(0.1)

    def step():
        activations = [x]
        for w, b in zip(weights, biases):
            activations.append(1.0 / (1.0 + np.exp(-(activations[-1] @ w + b))))
        delta = (activations[-1] - y) / x.shape[0]
        for layer in range(len(weights) - 1, -1, -1):
            grad_w = activations[layer].T @ delta
            grad_b = delta.sum(axis=0)
            if layer > 0:
                a = activations[layer]
                delta = (delta @ weights[layer].T) * a * (1 - a)
            weights[layer] -= eta * grad_w
            biases[layer] -= eta * grad_b

    for _ in range(1000):
        step()
    blocks = []
    cpu_start = time.process_time()
    for _ in range(10):
        start = time.perf_counter()
        for _ in range(500):
            step()
        blocks.append((time.perf_counter() - start) / 500 * 1e3)
    cpu_per_step = (time.process_time() - cpu_start) / 5000 * 1e3
    blocks.sort()
    print(f"{(blocks[4] + blocks[5]) / 2:.3f} {cpu_per_step:.3f}")


if __name__ == "__main__":
    main()
