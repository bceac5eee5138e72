package org.sigmoidbook;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A test that runs chapters, trains networks, opens windows or starts another program: tagged
 * {@code book}, so that {@code -Dgroups='!book'} leaves it out and keeps every fast test beside it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag("book")
@Test
public @interface BookTest {
}
