package org.peakpilot.monitoring;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What an enterprise or officer enters to register or change a meter. The limits here are the ones the meter
 * validation uses (through {@code internal.MonitoringBounds}); the OpenAPI document states them from the same constants.
 */
@Schema(description = "A meter to register or change; on a change, fields left out keep their value · 登记或修改的计量表（修改时未给出的字段保持不变）")
public record MeterForm(
		@Schema(maxLength = CODE_MAX, pattern = CODE_PATTERN, example = "E-01",
				description = "Required to register. The meter's code within the enterprise, as the gateway names it · 登记时必填；表计编号（企业内唯一，与采集终端一致）") String code,
		@Schema(maxLength = NAME_MAX, example = "1# 主变 main transformer",
				description = "Required to register. Name · 登记时必填；名称") String name,
		@Schema(maxLength = FACILITY_MAX, example = "熟料线 clinker line", description = "The facility or line it measures · 所属设施或产线") String facility,
		@Schema(maxLength = ENERGY_CODE_MAX, example = "ELECTRICITY",
				description = "Required to register. ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors · 登记时必填；能源品种") String energyCode,
		@Schema(maxLength = UNIT_MAX, example = "kWh",
				description = "Required to register. The unit of its values, one the calculator accepts for the energy (kWh, GJ, t, 10^4 Nm3, …) · 登记时必填；计量单位") String unit,
		@Schema(example = "COUNTER",
				description = "Required to register. COUNTER: a cumulative register; INTERVAL: the quantity of each interval · 登记时必填；累计读数或间隔量") MeterKind kind,
		@Schema(minimum = "0", maximum = MULTIPLIER_MAX, example = "1200",
				description = "Above 0. CT × PT ratio applied to raw values (default 1) · 倍率（默认 1）") BigDecimal multiplier,
		@Schema(example = "15",
				description = "Required to register. Minutes between readings: 1, 5, 15 or 60 · 登记时必填；采集间隔（分钟）：1、5、15 或 60") Integer intervalMinutes,
		@Schema(maxLength = PRODUCT_CODE_MAX, example = "CLINKER",
				description = "The product whose unit energy it measures (/api/v1/accounting/products) · 对应产品") String productCode,
		@Schema(minimum = "0", maximum = QUANTITY_MAX, example = "20000",
				description = "Required to register. Above 0. The largest quantity one interval can hold, in the meter's unit after the "
						+ "multiplier; more is quarantined · 登记时必填；单个间隔的最大量（表计单位，含倍率），超出即隔离") BigDecimal maxPerInterval,
		@Schema(minimum = "0", maximum = REGISTER_MAX, example = "99999999.99",
				description = "Above 0. COUNTER only: the register's rollover value, in the meter's unit before the multiplier · 累计表的翻转值") BigDecimal counterMax,
		@Schema(example = "true", description = "Whether it is in use (default true) · 是否启用") Boolean active) {

	public static final int CODE_MAX = 64;
	public static final String CODE_PATTERN = "^[A-Za-z0-9._:/-]+$";
	public static final int NAME_MAX = 200;
	public static final int FACILITY_MAX = 200;
	public static final int ENERGY_CODE_MAX = 80;
	public static final int UNIT_MAX = 16;
	public static final int PRODUCT_CODE_MAX = 40;
	/** A CT × PT ratio: 0 < m ≤ 1,000,000 (a 500 kV PT of 5000 × a CT of 200 is the largest in use). */
	public static final String MULTIPLIER_MAX = "1000000";
	/** The largest quantity one interval can hold, in the meter's unit after the multiplier. */
	public static final String QUANTITY_MAX = "1000000000000";
	/** A register's rollover value and a register reading at an exchange: 15 digits. */
	public static final String REGISTER_MAX = "1000000000000000";
}
