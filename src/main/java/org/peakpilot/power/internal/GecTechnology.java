package org.peakpilot.power.internal;

/**
 * The generating technology of a green certificate's project (绿证项目类型). Hydro made before 2023-01-01 is never
 * tradable (a rule of the ledger, not a flag); deep-sea offshore wind and solar thermal may have chosen CCER
 * instead, which freezes their certificates.
 */
public enum GecTechnology {
	WIND, SOLAR, HYDRO, BIOMASS, GEOTHERMAL, OCEAN, SOLAR_THERMAL, OTHER
}
