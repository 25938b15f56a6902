package org.peakpilot.monitoring;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A metering point. {@code energyCode} is ELECTRICITY, HEAT or a fuel factor code of the accounting library;
 * {@code maxPerInterval} is the largest quantity one interval can plausibly hold (its range, 量程, after the
 * multiplier); {@code counterMax} the value at which a register rolls over to zero.
 */
@Schema(description = "A metering point of an enterprise · 企业计量点（表计）")
public record Meter(
		@Schema(description = "The meter's id · 表计 ID") long id,
		@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
		@Schema(description = "The county's administrative code · 区县代码") String countyCode,
		@Schema(description = "The park's id, null outside parks · 园区 ID（不在园区为空）") Long parkId,
		@Schema(description = "The industry code (GB/T 4754) · 行业代码") String industryCode,
		@Schema(description = "The meter's code within the enterprise, as the gateway names it · 表计编号") String code,
		@Schema(description = "Name · 名称") String name,
		@Schema(description = "The facility or line it measures · 所属设施或产线") String facility,
		@Schema(description = "ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 能源品种代码") String energyCode,
		@Schema(description = "The unit of its values (kWh, GJ, t, …) · 计量单位") String unit,
		@Schema(description = "COUNTER: a cumulative register; INTERVAL: the quantity of each interval · 累计读数或间隔量") MeterKind kind,
		@Schema(description = "CT × PT ratio applied to raw values (dimensionless) · 倍率（无量纲）") BigDecimal multiplier,
		@Schema(description = "Minutes between readings: 1, 5, 15 or 60 · 采集间隔（分钟）：1、5、15 或 60", example = "15") int intervalMinutes,
		@Schema(description = "The product whose unit energy it measures, or null · 对应产品代码（可为空）") String productCode,
		@Schema(description = "The largest quantity one interval can hold, in the meter's unit after the multiplier · 单个间隔最大量（表计单位，含倍率）") BigDecimal maxPerInterval,
		@Schema(description = "COUNTER only: the register's rollover value, in the meter's unit before the multiplier; null if none · 累计表翻转值（表计单位，未乘倍率）") BigDecimal counterMax,
		@Schema(description = "Whether it is in use · 是否启用") boolean active,
		@Schema(description = "When it was registered · 登记时间") Instant createdAt,
		@Schema(description = "When it was last changed · 最近修改时间") Instant updatedAt) {
}
