package org.peakpilot.accounting;

import java.math.BigDecimal;

/** A product made in the month, in the product's own unit (t, or m² for tiles). */
public record ProductLine(String productCode, BigDecimal quantity) {
}
