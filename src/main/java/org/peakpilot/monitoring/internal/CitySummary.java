package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The live city view of a Beijing day within the caller's scope: energy in tce and tCO2 by county, by industry
 * and in total, the top consumers, meters online and offline as of {@code at}, open alarms and the latest ones,
 * and the accounting factors that converted the quantities.
 */
public record CitySummary(java.time.LocalDate day, Instant at, BigDecimal tce, BigDecimal co2T, List<EnergyShare> byCounty,
		List<EnergyShare> byIndustry, List<EnterpriseEnergy> top, int metersOnline, int metersOffline, int offlineAfterIntervals,
		long openAlarms, List<LiveAlarm> latestAlarms, List<FactorConversion> conversions) {
}
