package org.peakpilot.monitoring;

/** What the monthly closing did with the enterprise's report. */
public enum ClosingOutcome {
	DRAFTED, REDRAFTED, UNCHANGED, KEPT, NO_DATA
}
