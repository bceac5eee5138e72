package org.sigmoidbook.book;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a chapter sits in the book and what it is called: the one place its number, id and title
 * are declared. The runner, the contents page, the previous/next links and the README's chapter
 * table are all made from it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ChapterInfo {

    /** Position in the book, from 1; the chapters of the book are numbered 1, 2, 3 ... without gaps. */
    int number();

    /** Short stable id, lower-case words with dashes: used on the command line and in output paths. */
    String id();

    String title();

    /** What the chapter shows, in a few words, for the contents tables. */
    String summary();

    /** The figure that stands for the chapter in the README's gallery (a name the chapter draws). */
    String cover();
}
