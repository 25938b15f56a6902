package org.peakpilot.monitoring.internal;

/** A reading of a batch that was quarantined: its place in the batch (0-based), meter, reason. */
@io.swagger.v3.oas.annotations.media.Schema(name = "RejectedReading")
public record Rejected(int index, String meter, Reason reason, String detail, long quarantineId) {
}
