package org.peakpilot.monitoring;

import java.util.List;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * An ESTIMATE of an enterprise's month from its meters: the month rollups of all its meters, per energy code and
 * unit converted with the accounting calculator's factors of the year (as the monthly closing converts them), summed.
 * Metered energy is never the only truth: a verified report wins over it.
 *
 * @param enterpriseId the enterprise (registry id)
 * @param month        1–12 (Beijing months)
 * @param tce          the metered energy, tce; null when some energy of the month could not be converted
 * @param co2T         the metered energy's location-based emissions, tCO2; null when some energy could not be converted
 * @param meters       meters with a month rollup
 * @param readings     interval quantities counted
 * @param excluded     interval quantities left out as untrusted (register anomalies)
 * @param unconverted  energy codes and units of the month the calculator does not convert (then tce and co2T are null)
 * @param closed       whether monitoring has closed the month for the enterprise (its figures are then settled)
 * @param factors      the accounting factors the conversions used
 */
public record MeteredMonth(long enterpriseId, int month, Tce tce, Tco2 co2T, int meters, int readings, int excluded,
		List<String> unconverted, boolean closed, List<Calculation.FactorUsed> factors) {

	/** Always true: a metered figure is an estimate, never a reported or verified one. */
	public boolean estimate() {
		return true;
	}
}
