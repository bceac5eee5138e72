package org.sigmoidbook.chapters.outputlayer;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sigmoidbook.book.Lab;
import org.sigmoidbook.book.Progress;
import org.sigmoidbook.chapters.outputlayer.Training.Trace;

/** Every run of the grid, each trained once on the book's workers, looked up by its setup. */
final class Runs {

    private final Map<Setup, Trace> traces;

    private Runs(Map<Setup, Trace> traces) {
        this.traces = traces;
    }

    /** Trains {@code setups} on the first training digits of {@code task} that each asks for, recording the gradients of those in {@code recorded}. */
    static Runs train(Lab lab, DigitTask task, List<Setup> setups, Set<Setup> recorded) throws Exception {
        Map<Integer, DigitTask> tasks = new HashMap<>();
        for (Setup setup : setups) {
            tasks.computeIfAbsent(setup.budget().trainingDigits(), task::first);
        }
        List<Trace> traces;
        try (Progress progress = lab.progress("training", setups.stream().mapToLong(s -> s.budget().epochs()).sum())) {
            traces = lab.parallel(setups, setup -> Training.train(setup, tasks.get(setup.budget().trainingDigits()),
                    recorded.contains(setup), progress));
        }
        Map<Setup, Trace> bySetup = new LinkedHashMap<>();
        traces.forEach(trace -> bySetup.put(trace.setup(), trace));
        return new Runs(bySetup);
    }

    Trace get(Setup setup) {
        Trace trace = traces.get(setup);
        if (trace == null) {
            throw new IllegalStateException("the grid has no run " + setup);
        }
        return trace;
    }
}
