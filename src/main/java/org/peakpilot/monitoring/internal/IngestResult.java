package org.peakpilot.monitoring.internal;

import java.util.List;

/**
 * The answer to a batch: how many readings came, how many were stored, how many were already stored with the
 * same value (a resend), and which were quarantined and why.
 */
public record IngestResult(int received, int stored, int duplicates, int quarantined, List<Rejected> rejected, String batchId,
		int corrected, int snapped, List<Note> notes) {

	public IngestResult(int received, int stored, int duplicates, int quarantined, List<Rejected> rejected) {
		this(received, stored, duplicates, quarantined, rejected, null, 0, 0, List.of());
	}

	/** The same answer for the batch of this id. */
	public IngestResult withBatchId(String id) {
		return new IngestResult(received, stored, duplicates, quarantined, rejected, id, corrected, snapped, notes);
	}
}
