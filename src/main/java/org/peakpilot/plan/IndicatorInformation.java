package org.peakpilot.plan;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Information another module offers about an item of the plan, shown beside the item on its signed-in page and
 * never as its value: a module that knows something relevant (the carbon-inclusive scheme's green trips for the
 * green-travel indicators) implements this as a bean; the plan asks every such bean and depends on none of them.
 * A note is not an observation: it has no lineage, is never published, never counts for progress and never reaches
 * the public pages.
 */
public interface IndicatorInformation {

	/** The notes about the item (none for most items), in the reader's language. */
	List<Note> about(String itemCode, Locale locale);

	/**
	 * One note: a title, the disclaimer the page shows in front of it (e.g. "碳普惠数据，仅供参考，不作为上报数据"),
	 * its lines, where it comes from (methodology and version, period) and a page with the details (may be null).
	 */
	record Note(String title, String disclaimer, List<Line> lines, String source, String link) {
	}

	/** A figure of a note with its unit. */
	record Line(String label, BigDecimal value, String unit) {
	}
}
