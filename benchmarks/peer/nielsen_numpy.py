"""The Nielsen measurement (Neural Networks and Deep Learning, ch. 5, fig/generate_gradient.py),
vectorised with NumPy: the peer of the book's DL4J code in benchmarks/NielsenPeer.java.

For each network and epoch: the "speed of learning" of every hidden layer (L2 norm of the mean
over the training images of dC/db), then one full-batch gradient-descent step with that same
gradient (learning rate eta, L2 weight decay lambda / n on the weights): one gradient pass per
epoch, as the book's vanishing chapter does (its GradientRecorder reads the gradient of the step
itself), on the whole batch at once instead of image by image as in Nielsen's script.

Usage: python3 nielsen_numpy.py FOLDER float64|float32 [EPOCHS]
Input: a folder written by NielsenPeer (images, one-hot labels and every network's initial
parameters as little-endian float64, DL4J layout: W is [n_in, n_out]). Output, one line per
network: "network NAME SECONDS init S1,S2,... last S1,S2,..." (speeds first to last hidden layer,
at initialisation and at the last epoch), after a line "numpy VERSION DTYPE".
"""
import json
import sys
import time
from pathlib import Path

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def mean_bias_gradients(weights, biases, x, y):
    """Mean over the batch of dC/dW and dC/db for the cross-entropy cost with sigmoid outputs."""
    activations = [x]
    for w, b in zip(weights, biases):
        activations.append(sigmoid(activations[-1] @ w + b))
    m = x.shape[0]
    delta = activations[-1] - y
    grad_w = [None] * len(weights)
    grad_b = [None] * len(weights)
    for layer in range(len(weights) - 1, -1, -1):
        grad_w[layer] = activations[layer].T @ delta / m
        grad_b[layer] = delta.mean(axis=0)
        if layer > 0:
            a = activations[layer]
            delta = (delta @ weights[layer].T) * a * (1 - a)
    return grad_w, grad_b


def train(weights, biases, x, y, epochs, eta, lmbda):
    """Per epoch: one gradient pass, the hidden layers' speeds from it, then the full-batch step with
    it. Returns the speeds recorded first (at initialisation) and last (before the final step)."""
    n = x.shape[0]
    at_init = None
    last = None
    for _ in range(epochs):
        grad_w, grad_b = mean_bias_gradients(weights, biases, x, y)
        norms = [float(np.linalg.norm(g)) for g in grad_b[:-1]]
        if at_init is None:
            at_init = norms
        last = norms
        for layer in range(len(weights)):
            weights[layer] = (1 - eta * lmbda / n) * weights[layer] - eta * grad_w[layer]
            biases[layer] = biases[layer] - eta * grad_b[layer]
    return at_init, last


def products_alone(x, passes, dtype):
    rng = np.random.default_rng(0)
    w = rng.standard_normal((x.shape[1], 30)).astype(dtype)
    delta = rng.standard_normal((x.shape[0], 30)).astype(dtype)
    start = time.perf_counter()
    for _ in range(passes):
        x @ w
        x.T @ delta
    return time.perf_counter() - start


def main():
    folder = Path(sys.argv[1])
    dtype = np.dtype(sys.argv[2])
    spec = json.loads((folder / "spec.json").read_text())
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else spec["epochs"]
    n, pixels, classes = spec["images"], spec["pixels"], spec["classes"]
    x = np.fromfile(folder / "images.f64", dtype="<f8").reshape(n, pixels).astype(dtype)
    y = np.fromfile(folder / "labels.f64", dtype="<f8").reshape(n, classes).astype(dtype)
    print("numpy", np.__version__, dtype)
    for net in spec["networks"]:
        sizes = net["sizes"]
        weights = [np.fromfile(folder / f"{net['name']}-W{l}.f64", dtype="<f8").reshape(sizes[l], sizes[l + 1]).astype(dtype)
                   for l in range(len(sizes) - 1)]
        biases = [np.fromfile(folder / f"{net['name']}-b{l}.f64", dtype="<f8").astype(dtype)
                  for l in range(len(sizes) - 1)]
        start = time.perf_counter()
        at_init, last = train(weights, biases, x, y, epochs, spec["eta"], spec["lambda"])
        seconds = time.perf_counter() - start
        print("network", net["name"], repr(seconds), "init", ",".join(map(repr, at_init)),
              "last", ",".join(map(repr, last)), flush=True)
    # One gradient pass per epoch for every network.
    print("products", repr(products_alone(x, epochs * len(spec["networks"]), dtype)), flush=True)


if __name__ == "__main__":
    main()
