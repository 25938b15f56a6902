package org.peakpilot.accounting;

import java.math.BigDecimal;

import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * The city inventory's totals of one year (the latest year with GDP entered), for the regional impact indices m and n of
 * the project admission: energy in tce (all uses, and the control scope without enterprise feedstock and renewables),
 * CO2 in tCO2, GDP in 10k CNY, and whether the year's coverage is complete (else the figures are provisional).
 *
 * @param year       the inventory's year
 * @param tce        city energy use, all uses, tce
 * @param controlTce city energy use in the control scope, tce
 * @param co2T       city emissions, tCO2
 * @param gdp10kCny  GDP, 10k CNY (万元)
 * @param complete   whether the plan's coverage rule is met
 */
public record InventoryTotals(int year, Tce tce, Tce controlTce, Tco2 co2T, BigDecimal gdp10kCny, boolean complete) {
}
