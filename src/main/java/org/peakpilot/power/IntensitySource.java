package org.peakpilot.power;

/** Whether an hour's intensity comes from that hour's data ({@code MEASURED}) or the documented fill model ({@code MODELLED}). */
public enum IntensitySource {
	MEASURED, MODELLED
}
