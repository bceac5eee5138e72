package org.sigmoidbook.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.GradientRecorder;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * Benchmark 3: the same training with and without a GradientRecorder. Three copies of the
 * output-layer chapter's network (5 hidden layers of 32, minibatches of 32 digits, ND4J on one
 * thread as the book runs it) take turns, block by block, in one JVM: without listeners, with a
 * listener that does nothing (DL4J's own cost of having listeners) and with the recorder. Taking
 * turns keeps the other jobs on a shared machine from favouring one of them, which separate JMH
 * forks could not (they put the ratio anywhere between 1.2 and 1.9 here). Times are the thread's CPU time.
 */
final class RecorderOverhead {

    private static final int ROUNDS = 24;
    private static final int WARMUP_ROUNDS = 4;
    private static final int UPDATES_PER_BLOCK = 150;

    private RecorderOverhead() {
    }

    static String run() throws IOException {
        Backend.setThreads(1);
        DataSet batch = Mnist.load().train().onlyClasses(4, 9).first(32).binary(9, DataType.FLOAT);
        StringBuilder out = new StringBuilder("## 3. GradientRecorder overhead: one minibatch update (32 digits, 5 hidden layers of 32)\n\n"
                + String.format(Locale.ROOT, "Median over %d interleaved blocks of %d updates, thread CPU time per update.%n%n",
                ROUNDS - WARMUP_ROUNDS, UPDATES_PER_BLOCK)
                + "| hidden units | no listener (µs) | listener that does nothing (µs) | GradientRecorder (µs) | recorder / none | "
                + "the recorder's own callbacks (µs) |\n|---|---:|---:|---:|---:|---:|\n");
        for (HiddenUnit hidden : List.of(HiddenUnit.SIGMOID, HiddenUnit.TANH)) {
            MultiLayerNetwork[] nets = new MultiLayerNetwork[3];
            for (int k = 0; k < nets.length; k++) {
                nets[k] = OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, hidden).seed(1).build();
            }
            nets[1].setListeners(new BaseTrainingListener() {
            });
            List<List<Double>> micros = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (int round = 0; round < ROUNDS; round++) {
                nets[2].setListeners(new GradientRecorder());
                for (int k = 0; k < nets.length; k++) {
                    MultiLayerNetwork net = nets[k];
                    double perUpdate = cpuMicros(() -> net.fit(batch), UPDATES_PER_BLOCK);
                    if (round >= WARMUP_ROUNDS) {
                        micros.get(k).add(perUpdate);
                    }
                }
            }
            double none = median(micros.get(0));
            double noop = median(micros.get(1));
            double recorded = median(micros.get(2));
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.3f | %.0f |%n", hidden.id(),
                    none, noop, recorded, recorded / none, callbacks(nets[2])));
        }
        return out.toString();
    }

    /** The recorder's two callbacks alone, on a network that has just taken a step: what it adds per update. */
    private static double callbacks(MultiLayerNetwork net) {
        List<Double> samples = new ArrayList<>();
        for (int round = 0; round < 10; round++) {
            GradientRecorder recorder = new GradientRecorder();
            int[] iteration = {0};
            samples.add(cpuMicros(() -> {
                recorder.onGradientCalculation(net);
                recorder.iterationDone(net, iteration[0]++, 0);
            }, 500));
        }
        return median(samples.subList(2, samples.size()));
    }

    private static double cpuMicros(Runnable task, int times) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < times; i++) {
            task.run();
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1e3 / times;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
