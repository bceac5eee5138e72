package org.sigmoidbook.site;

import java.nio.file.Path;

/** A Markdown page of the notes (absolute, normalised path) and the name of the HTML page it becomes. */
record SourcePage(Path markdown, String htmlName) {
}
