package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A row of the national efficiency levels (标杆水平 benchmark, 基准水平 baseline) in kgce per product unit, with
 * the matching limit standard's row (level 3 is the limit) and the verification tags of both.
 */
@Schema(description = "A row of the national efficiency levels · 国家能效水平条目")
public record EfficiencyLevel(
		@Schema(description = "The level's code · 能效水平代码") String code,
		@Schema(description = "The product's code · 产品代码") String productCode,
		@Schema(description = "The product or process · 产品或工序") String name,
		@Schema(description = "The unit of the levels: kgce per product unit · 单位：千克标准煤/产品单位") String unit,
		@Schema(description = "Benchmark level (标杆水平), kgce per product unit · 标杆水平（kgce/产品单位）") BigDecimal benchmark,
		@Schema(description = "Baseline level (基准水平), kgce per product unit · 基准水平（kgce/产品单位）") BigDecimal baseline,
		@Schema(description = "Where the levels come from · 来源") String source,
		@Schema(description = "The source's verification tag · 来源核验标记") String tag,
		@Schema(description = "Whether the source is verified · 来源是否已核验") boolean verified,
		@Schema(description = "The matching limit standard's row · 对应限额标准条目") String limitCode,
		@Schema(description = "The limit standard (GB …) · 限额标准") String limitStandard,
		@Schema(description = "Limit level 1, kgce per product unit · 限额 1 级（kgce/产品单位）") BigDecimal limitLevel1,
		@Schema(description = "Limit level 3 (the limit), kgce per product unit · 限额 3 级（限定值，kgce/产品单位）") BigDecimal limitLevel3,
		@Schema(description = "Where the limit comes from · 限额来源") String limitSource,
		@Schema(description = "The limit source's verification tag · 限额来源核验标记") String limitTag) {
}
