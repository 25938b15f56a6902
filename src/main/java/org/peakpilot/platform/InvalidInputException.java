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

	/**
	 * The field errors of a form record bound by Spring ({@code @ModelAttribute} with a {@code BindingResult}): a value
	 * that does not convert names its field and quotes the value, as the page advice does for forms it sends back.
	 */
	public static InvalidInputException of(org.springframework.validation.BindingResult binding) {
		return new InvalidInputException(PageErrorAdvice.fieldErrors(binding));
	}

	public List<InputError> errors() {
		return errors;
	}
}
