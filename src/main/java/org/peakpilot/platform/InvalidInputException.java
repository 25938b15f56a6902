package org.peakpilot.platform;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.List;

/** Input that fails validation; nothing was written. Carries every error found, not just the first. */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInputException extends RuntimeException {

	private final List<InputError> errors;

	public InvalidInputException(List<InputError> errors) {
		super(errors.size() + " error(s): " + errors.stream().limit(5).map(InputError::toString).toList());
		this.errors = List.copyOf(errors);
	}

	public InvalidInputException(String field, String message) {
		this(List.of(InputError.field(field, message)));
	}

	public List<InputError> errors() {
		return errors;
	}
}
