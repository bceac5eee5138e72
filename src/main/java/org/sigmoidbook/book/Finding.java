package org.sigmoidbook.book;

/** A headline number of a chapter: printed by the runner and written to the chapter's findings table. */
public record Finding(String name, String text, double value) {

    @Override
    public String toString() {
        return name + " = " + text;
    }
}
