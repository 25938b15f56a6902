package org.peakpilot.inclusive.web;

import java.util.Locale;

import org.peakpilot.platform.InputError;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The citizen pages' errors in the reader's language ({@code ${@citizenErrorTexts.text(x)}}): a known field and
 * reason has its {@code inclusive.citizen.error.*} text; anything else is shown as it came.
 */
@Component("citizenErrorTexts")
class CitizenErrorTexts {

	private final MessageSource messages;

	CitizenErrorTexts(MessageSource messages) {
		this.messages = messages;
	}

	public String text(InputError error) {
		String m = error.message() == null ? "" : error.message();
		String reason = m.startsWith("already") ? ".taken"
				: m.startsWith("limit of") ? ".limit"
				: m.contains("not offered") || m.contains("out of stock") ? ".stock"
				: m.startsWith("too many sign-ups") ? ".throttled"
				: m.startsWith("no gCO2") ? ".nothing"
				: m.endsWith("certificates a day") ? ".perDay"
				: m.contains("short by") ? ".balance"
				: m.contains("does not take donations") ? ".closed" : "";
		Locale locale = LocaleContextHolder.getLocale();
		String text = messages.getMessage("inclusive.citizen.error." + error.field() + reason, null, null, locale);
		if (text == null && !reason.isEmpty()) {
			text = messages.getMessage("inclusive.citizen.error.any" + reason, null, null, locale);
		}
		return text != null ? text : m;
	}
}
