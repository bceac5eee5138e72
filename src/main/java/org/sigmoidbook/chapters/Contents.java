package org.sigmoidbook.chapters;

import java.util.List;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.TableOfContents;
import org.sigmoidbook.chapters.crossentropy.CrossEntropyChapter;
import org.sigmoidbook.chapters.derivative.DerivativeChapter;
import org.sigmoidbook.chapters.equation.EquationChapter;
import org.sigmoidbook.chapters.implementation.ImplementationChapter;
import org.sigmoidbook.chapters.outputlayer.OutputLayerChapter;
import org.sigmoidbook.chapters.probability.ProbabilityChapter;
import org.sigmoidbook.chapters.saturation.SaturationChapter;
import org.sigmoidbook.chapters.today.TodayChapter;
import org.sigmoidbook.chapters.vanishing.VanishingChapter;
import org.sigmoidbook.chapters.zerocentering.ZeroCenteringChapter;

/** The registry: every chapter of the book, one line each. Their order comes from their {@code @ChapterInfo}. */
public final class Contents implements TableOfContents {

    @Override
    public List<Chapter> chapters() {
        return List.of(
                new EquationChapter(),
                new DerivativeChapter(),
                new VanishingChapter(),
                new SaturationChapter(),
                new ZeroCenteringChapter(),
                new ImplementationChapter(),
                new OutputLayerChapter(),
                new CrossEntropyChapter(),
                new ProbabilityChapter(),
                new TodayChapter());
    }
}
