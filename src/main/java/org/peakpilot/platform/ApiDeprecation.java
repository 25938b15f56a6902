package org.peakpilot.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An API operation that is to be removed (docs/adr/0015-api-rules.md): its answers carry {@code Deprecation}
 * (RFC 9745, the day it was deprecated) and {@code Sunset} (RFC 8594, the day it may go, at least six months later),
 * and the OpenAPI document marks it {@code deprecated} with both dates and its successor.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ApiDeprecation {

	/** The day it was deprecated, ISO date (Beijing). */
	String since();

	/** The day after which it may be removed, ISO date (Beijing); at least six months after {@link #since()}. */
	String sunset();

	/** What to call instead (a path or operationId), if anything. */
	String successor() default "";
}
