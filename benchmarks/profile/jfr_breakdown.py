"""Where one DL4J training step's time goes, from a JFR recording of benchmarks' TrainingStep.

Reads `jfr print --stack-depth 200 --events jdk.ExecutionSample,jdk.NativeMethodSample` on stdin,
keeps the samples taken inside MultiLayerNetwork.fit, and prints the share of them spent inside each
stage of a step (inclusive, so nested stages overlap) and the native methods they end in.
"""
import collections
import re
import sys

STAGES = [
    ("forward pass", "MultiLayerNetwork.ffToLayerActivationsInWs"),
    ("backward pass", "MultiLayerNetwork.calcBackpropGradients"),
    ("score (loss value)", "BaseOutputLayer.computeScore"),
    ("updater", "BaseMultiLayerUpdater.update"),
    ("  of which regularisation views (none configured)", "UpdaterBlock.applyRegularizationAllVariables"),
    ("new array: shape information", "Shape.createShapeInformation"),
    ("new array: data buffer", "DefaultDataBufferFactory.create"),
    ("op context set-up (inputs, outputs)", "BaseOpContext.setInputArrays"),
    ("matrix products (gemm)", "BaseLevel3.gemm"),
    ("workspace bookkeeping", "WorkspaceMgr"),
]

samples = []
for event in re.split(r"\n(?=jdk\.(?:ExecutionSample|NativeMethodSample))", sys.stdin.read()):
    frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
    if any(frame.endswith("MultiLayerNetwork.fit") for frame in frames):
        samples.append(frames)
if not samples:
    sys.exit("no samples inside MultiLayerNetwork.fit: was the recording made of TrainingStep?")
total = len(samples)
print(f"{total} samples inside MultiLayerNetwork.fit\n")
print("| stage (inclusive) | share of step |\n|---|---:|")
for label, method in STAGES:
    inside = sum(1 for frames in samples if any(method in frame for frame in frames))
    print(f"| {label} | {100 * inside / total:.0f}% |")
print("\n| top frame | share of step |\n|---|---:|")
for frame, count in collections.Counter(frames[0] for frames in samples).most_common(8):
    print(f"| `{frame.rsplit('.', 2)[-2]}.{frame.rsplit('.', 1)[-1]}` | {100 * count / total:.0f}% |")
