package org.sigmoidbook.bench;

import java.io.IOException;
import java.util.List;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.runtime.Backend;
import org.sigmoidbook.toolkit.data.Digits;
import org.sigmoidbook.toolkit.data.Mnist;
import org.sigmoidbook.toolkit.nn.HiddenUnit;

/**
 * The training step the step benchmarks time: chapter 7's sigmoid network (784, five hidden layers
 * of 32, one sigmoid output, cross-entropy, SGD, FLOAT) on 40 minibatches of 32 fours and nines,
 * made once and cycled; ND4J started on one thread, as the book starts it. {@code -Dstep.workspaces=NONE}
 * and {@code -Dstep.cache=HOST} change DL4J's training workspace mode and cache mode from their
 * defaults (ENABLED and NONE), for the comparison in benchmarks/step-time.sh.
 */
record StepWorkload(MultiLayerNetwork net, List<DataSet> batches) {

    static StepWorkload chapterSeven() throws IOException {
        Backend.skipResidentMemoryCheck();
        String problem = Backend.start();
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
        Digits foursAndNines = Mnist.load().train().onlyClasses(4, 9);
        List<DataSet> batches = foursAndNines.first(32 * 40).binary(9, DataType.FLOAT).batchBy(32);
        MultiLayerNetwork net = OutputLayerChapter.network(Digits.PIXELS, OutputLayerChapter.WIDTH, HiddenUnit.SIGMOID).seed(1).build();
        // benchmarks/step-time.sh modes: DL4J's training workspace and cache modes, which the book leaves at DL4J's defaults.
        String workspaces = System.getProperty("step.workspaces");
        if (workspaces != null) {
            net.getLayerWiseConfigurations().setTrainingWorkspaceMode(WorkspaceMode.valueOf(workspaces));
        }
        String cache = System.getProperty("step.cache");
        if (cache != null) {
            net.setCacheMode(CacheMode.valueOf(cache));
        }
        return new StepWorkload(net, batches);
    }

    /** One `fit` on the minibatch that step number {@code step} takes. */
    void step(int step) {
        net.fit(batches.get(step % batches.size()));
    }
}
