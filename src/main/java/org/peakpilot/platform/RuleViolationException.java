package org.peakpilot.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A well-formed request that breaks a business rule (HTTP 409/422). */
@ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
public class RuleViolationException extends RuntimeException {

	private final boolean conflict;

	public RuleViolationException(String message) {
		this(message, false);
	}

	public RuleViolationException(String message, boolean conflict) {
		super(message);
		this.conflict = conflict;
	}

	/** True when the request collides with existing data (409) rather than breaking a rule (422). */
	public boolean isConflict() {
		return conflict;
	}
}
