package org.peakpilot.monitoring.internal;

/** A batch with more readings than {@link Readings#MAX_BATCH}: nothing of it was stored. */
public class BatchTooLargeException extends RuntimeException {

	BatchTooLargeException(int size) {
		super("the batch has " + size + " readings; send at most " + Readings.MAX_BATCH + " per batch");
	}
}
