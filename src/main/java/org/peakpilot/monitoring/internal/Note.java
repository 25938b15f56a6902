package org.peakpilot.monitoring.internal;

/**
 * A stored reading of a batch that was changed on the way in: SNAPPED (its time lay within the alignment tolerance
 * of an interval boundary and was moved onto it) or CORRECTED (it replaced a stored value, flagged as a correction).
 */
@io.swagger.v3.oas.annotations.media.Schema(name = "IngestNote")
public record Note(int index, String meter, String note, String detail) {
}
