package org.peakpilot.platform;

import java.time.Duration;
import java.time.Instant;

/**
 * The bounds every read query keeps, so that no request can ask the database for an unbounded amount of work:
 * a list's {@code limit} is 1 to {@link #MAX_LIMIT}, and a time range covers at most what its query allows. Beyond
 * them the caller gets a 400 problem naming the parameter, never a clamped answer it did not ask for. See
 * docs/adr/0011.
 */
public final class QueryLimits {

	/** The most rows one list request returns. */
	public static final int MAX_LIMIT = 1000;

	private QueryLimits() {
	}

	/** The requested limit, or {@code defaultLimit} when none was given; 400 naming the parameter outside 1 to {@link #MAX_LIMIT}. */
	public static int limit(String parameter, Integer requested, int defaultLimit) {
		int limit = requested == null ? defaultLimit : requested;
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new InvalidInputException(parameter, "1 to " + MAX_LIMIT);
		}
		return limit;
	}

	/** An offset into a list: 400 naming the parameter when negative. */
	public static int offset(String parameter, int offset) {
		if (offset < 0) {
			throw new InvalidInputException(parameter, "0 or more");
		}
		return offset;
	}

	/** A date a query is about: 400 naming the parameter outside the years 1900 to 2199 (the database's range is wider, not useful). */
	public static java.time.LocalDate date(String parameter, java.time.LocalDate date) {
		if (date != null && (date.getYear() < 1900 || date.getYear() > 2199)) {
			throw new InvalidInputException(parameter, "a date in the years 1900 to 2199");
		}
		return date;
	}

	/**
	 * Checks a time range {@code from} (inclusive) to {@code to} (exclusive): 400 naming {@code to} when it is before
	 * {@code from}, naming {@code from} when the range is longer than {@code max}.
	 */
	public static void span(Instant from, Instant to, Duration max) {
		if (to.isBefore(from)) {
			throw new InvalidInputException("to", "'to' must not be before 'from'");
		}
		if (Duration.between(from, to).compareTo(max) > 0) {
			throw new InvalidInputException("from", "at most " + max.toDays() + " days from 'from' to 'to' in one query");
		}
	}
}
