package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

public record ReplacementForm(String replacedAt, BigDecimal oldFinal, BigDecimal newInitial, String reason) {
}
