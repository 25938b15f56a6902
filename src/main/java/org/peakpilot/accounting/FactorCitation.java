package org.peakpilot.accounting;

import java.util.Locale;

/**
 * Where a factor comes from, as an enterprise cites it: the standard or guideline with its part, table or clause
 * (e.g. "GB/T 32151.22-2024 附录C 表C.1"), in Chinese and English. It is derived from the factor row's source in
 * {@code factors/citations.csv}; the library's internal research notes (how the figure was transcribed, what is
 * still to check) stay in the source column and are never shown as the citation. The verification tag is shown
 * beside it as a badge.
 */
public record FactorCitation(String zh, String en) {

	public String text(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? en : zh;
	}
}
