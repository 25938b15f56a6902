package org.peakpilot.accounting;

import java.util.Locale;

/** A product a report can state (its code, names, unit and sector). */
public record Product(String code, String nameZh, String nameEn, String unit, String sector) {

	public String name(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
	}
}
