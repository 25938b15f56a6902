package org.peakpilot.monitoring;

import java.math.BigDecimal;

/**
 * One row of the national energy-efficiency levels for a product class, as monitoring reads them from its data files:
 * 标杆水平 (benchmark), 基准水平 (baseline) and the limit standard's 限定值 (level 3), in kgce per product unit, with the
 * sources and whether they are verified. Any of the three may be null where the data has no value.
 *
 * @param code          the level's code (e.g. {@code CRUDE_STEEL.EAF_GE50})
 * @param productCode   the accounting product code it belongs to
 * @param name          the product or process, as the data names it
 * @param unit          kgce per product unit (kgce/t, kgce/m2)
 * @param benchmark     标杆水平, kgce per unit
 * @param baseline      基准水平, kgce per unit
 * @param limit         the limit standard's 限定值 (level 3), kgce per unit
 * @param limitStandard the limit standard (GB …)
 * @param source        the levels' source with its verification tag (and the limit's)
 * @param verified      whether the levels' source is verified
 */
public record ProductEfficiency(String code, String productCode, String name, String unit, BigDecimal benchmark, BigDecimal baseline,
		BigDecimal limit, String limitStandard, String source, boolean verified) {
}
