package org.sigmoidbook.book;

import java.util.List;

/**
 * The book's chapters. Implemented once, by the registry in {@code org.sigmoidbook.chapters}, and
 * found through {@link java.util.ServiceLoader} (META-INF/services), so that this package, which the
 * chapters use, does not depend on them.
 */
public interface TableOfContents {

    List<Chapter> chapters();
}
