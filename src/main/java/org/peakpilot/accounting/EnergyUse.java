package org.peakpilot.accounting;

/** Whether a line's energy counts in the control-scope total: feedstock (原料用能) and renewables are reported apart. */
public enum EnergyUse {
	ENERGY, FEEDSTOCK, RENEWABLE
}
