package org.sigmoidbook;

import java.util.List;
import java.util.Optional;

import org.sigmoidbook.chapters.DerivativeChapter;
import org.sigmoidbook.chapters.EquationChapter;
import org.sigmoidbook.chapters.ImplementationChapter;
import org.sigmoidbook.chapters.OutputLayerChapter;
import org.sigmoidbook.chapters.SaturationChapter;
import org.sigmoidbook.chapters.VanishingChapter;
import org.sigmoidbook.chapters.ZeroCenteringChapter;

/** The registry: every chapter of the book, in book order. */
public final class Chapters {

    public static final List<Chapter> ALL = List.of(
            new EquationChapter(),
            new DerivativeChapter(),
            new VanishingChapter(),
            new SaturationChapter(),
            new ZeroCenteringChapter(),
            new ImplementationChapter(),
            new OutputLayerChapter());

    private Chapters() {
    }

    public static Optional<Chapter> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", ALL.stream().map(Chapter::id).toList());
    }
}
