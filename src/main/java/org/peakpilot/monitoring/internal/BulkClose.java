package org.peakpilot.monitoring.internal;

import java.util.List;

/**
 * Closing several alarms with one comment: refused as a whole when any id is unknown or outside the caller's scope
 * or the caller may not handle it; {@code closed} the ids closed now, {@code skipped} those already closed or
 * recovered, left as they were.
 */
public record BulkClose(List<Long> closed, List<Long> skipped) {
}
