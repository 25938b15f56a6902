package org.peakpilot.monitoring.internal;

import java.util.List;

import org.peakpilot.monitoring.Meter;

/** The result of an all-or-nothing meter import: the meters registered, in the order of the sheet's rows. */
public record MeterImport(int rows, List<Meter> registered) {
}
