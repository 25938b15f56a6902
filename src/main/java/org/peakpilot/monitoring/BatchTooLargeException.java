package org.peakpilot.monitoring;

/** A batch with more readings than {@link EnergyMonitoring#MAX_BATCH}: nothing of it was stored. */
class BatchTooLargeException extends RuntimeException {

	BatchTooLargeException(int size) {
		super("the batch has " + size + " readings; send at most " + EnergyMonitoring.MAX_BATCH + " per batch");
	}
}
