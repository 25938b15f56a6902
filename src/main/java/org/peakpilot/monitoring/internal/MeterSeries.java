package org.peakpilot.monitoring.internal;

import java.util.List;

import org.peakpilot.monitoring.Meter;

/** A meter's series over from (inclusive) to (exclusive) at a grain, with the conversion used per year. */
public record MeterSeries(Meter meter, Grain grain, List<MeterPoint> points, List<FactorConversion> conversions) {
}
