package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.util.List;

/** An enterprise's energy of the month so far (Beijing month), per energy and in total. */
public record EnterpriseMonth(long enterpriseId, String name, String countyCode, String industryCode, java.time.YearMonth month,
		BigDecimal tce, BigDecimal co2T, List<EnergyQuantity> energies) {
}
