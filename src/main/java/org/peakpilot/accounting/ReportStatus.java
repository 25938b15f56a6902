package org.peakpilot.accounting;

/** draft → submitted → verified or returned → locked; a locked report changes only by a revision. */
public enum ReportStatus {
	DRAFT, SUBMITTED, RETURNED, VERIFIED, LOCKED
}
