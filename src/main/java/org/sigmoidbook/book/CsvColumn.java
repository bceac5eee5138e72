package org.sigmoidbook.book;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How a record component of a result table is written: see {@link Rows}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface CsvColumn {

    /** The column's name, where snake_case of the component's name will not do (a formula, say). */
    String value() default "";

    /** Whether a {@code double} must be finite; false for a column that shows overflow, say, as ±Infinity or NaN. */
    boolean finite() default true;
}
