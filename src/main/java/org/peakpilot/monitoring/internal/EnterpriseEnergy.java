package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

/** An enterprise's energy of the day. */
public record EnterpriseEnergy(long enterpriseId, String name, String countyCode, String industryCode, BigDecimal tce,
		BigDecimal co2T) {
}
