package org.peakpilot.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a page's POST goes back to when its input is refused: {@link PageErrorAdvice} redirects there with the errors
 * as flash attributes, so that the handler does not catch {@link InvalidInputException}, {@link RuleViolationException}
 * or a binding failure itself. The target is a path of this application, written in the code (never taken from the
 * request or its Referer); {@code {name}} is replaced by the request's path variable of that name, encoded as one path
 * segment, so a path variable cannot lead off-site.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BackTo {

	/** The path to go back to, e.g. {@code "/monitoring/meters/{id}#exchanges"}; starts with one {@code /}. */
	String value();

	/** The field under which a {@link RuleViolationException}'s message is shown on the page. */
	String rule() default "form";

	/** The flash attribute the list of {@link InputError}s goes into (the page's template reads it). */
	String errors() default "errors";

	/**
	 * Request parameters flashed back so that the form shows what was entered: {@code "lines"} flashes the parameter
	 * {@code lines} as {@code lines}, {@code "formYear=year"} the parameter {@code year} as {@code formYear}.
	 */
	String[] keep() default {};
}
