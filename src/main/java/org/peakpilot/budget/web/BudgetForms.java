package org.peakpilot.budget.web;

import java.util.List;
import java.util.Map;

import org.peakpilot.platform.InputError;
import org.springframework.validation.BindingResult;

/**
 * What the budget's form pages (the allocation workspace, the division page) share in answering refused input on the
 * form: binding failures as field errors, the API's field names turned into the form's, and a rejected value
 * shortened for the message.
 */
final class BudgetForms {

	private BudgetForms() {
	}

	/** A value that did not bind (letters in a number field) as an error on its field; other binding errors as they are. */
	static List<InputError> bindingErrors(BindingResult binding) {
		return binding.getFieldErrors().stream().map(f -> InputError.field(f.getField(), f.isBindingFailure()
				? "'" + shorten(f.getRejectedValue()) + "' is not a number" : String.valueOf(f.getDefaultMessage()))).toList();
	}

	/** An error named with the API's field ({@code holders[3].base_emissions_t}) named with the form's ({@code holders[3].baseEmissions}). */
	static InputError formField(InputError e, Map<String, String> formNames) {
		if (e.field() == null) {
			return e;
		}
		int dot = e.field().lastIndexOf('.');
		String mapped = formNames.get(e.field().substring(dot + 1));
		return mapped == null ? e : InputError.field(e.field().substring(0, dot + 1) + mapped, e.message());
	}

	/** A rejected value as a message shows it: at most 40 characters. */
	static String shorten(Object value) {
		String text = value instanceof String[] a ? String.join(",", a) : String.valueOf(value);
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}
}
