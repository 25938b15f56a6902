package org.peakpilot.accounting;

import java.util.List;

import org.peakpilot.shared.Cny10k;

/** What an enterprise enters for a month. */
public record ReportContent(Cny10k outputValue10kCny, Cny10k valueAdded10kCny, List<ReportLine> lines, List<ProductLine> products) {
}
