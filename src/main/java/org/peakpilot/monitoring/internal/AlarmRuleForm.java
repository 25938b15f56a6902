package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

public record AlarmRuleForm(BigDecimal intervalLimit, BigDecimal dayLimit, Integer offlineIntervals, Boolean spikeEnabled) {
}
