package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

/**
 * A row of the national efficiency levels (标杆水平 benchmark, 基准水平 baseline) in kgce per product unit, with
 * the matching limit standard's row (level 3 is the limit) and the verification tags of both.
 */
public record EfficiencyLevel(String code, String productCode, String name, String unit, BigDecimal benchmark,
		BigDecimal baseline, String source, String tag, boolean verified, String limitCode, String limitStandard,
		BigDecimal limitLevel1, BigDecimal limitLevel3, String limitSource, String limitTag) {
}
