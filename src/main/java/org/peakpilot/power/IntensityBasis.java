package org.peakpilot.power;

/**
 * How an hour's average grid intensity is formed: {@code PRODUCTION} from the zone's own generation only
 * (CI = Σ P_g·EF_g / Σ P_g), {@code CONSUMPTION} with imports traced (CI = (Σ P_g·EF_g + Σ Imp_j·CI_j) / (Σ P_g + Σ Imp_j)).
 */
public enum IntensityBasis {
	PRODUCTION, CONSUMPTION
}
