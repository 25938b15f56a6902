package org.peakpilot.accounting;

/** An activity line of a report: a calculator line plus how its energy counts. */
public record ReportLine(Calculation.Line line, EnergyUse energyUse) {
}
