package org.peakpilot.inclusive.web;

import java.time.ZoneId;

/** Beijing time, in which the citizen's periods and times are shown. */
final class PageTime {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private PageTime() {
	}
}
