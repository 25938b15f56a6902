package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.MeterForm;

/** A meter exchange (换表) to register: when, the old register's final value and the new one's initial value, why. */
@Schema(description = "A meter exchange to register · 换表登记")
public record ReplacementForm(
		@Schema(description = "When the register was exchanged, ISO-8601 date-time (no offset: Beijing time), not in the future · 换表时间，ISO-8601（不带时区即北京时间），不得晚于当前",
				example = "2026-11-24T10:07:00+08:00", requiredMode = Schema.RequiredMode.REQUIRED) String replacedAt,
		@Schema(description = "The old register's final reading, in the meter's unit before the multiplier · 旧表止码（表计单位，未乘倍率）",
				minimum = "0", maximum = MeterForm.REGISTER_MAX, example = "98234.5",
				requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal oldFinal,
		@Schema(description = "The new register's initial reading, in the meter's unit before the multiplier · 新表起码（表计单位，未乘倍率）",
				minimum = "0", maximum = MeterForm.REGISTER_MAX, example = "0",
				requiredMode = Schema.RequiredMode.REQUIRED) BigDecimal newInitial,
		@Schema(description = "Why the meter was exchanged (required) · 换表原因（必填）", maxLength = MonitoringBounds.TEXT_MAX,
				example = "register failed", requiredMode = Schema.RequiredMode.REQUIRED) String reason) {
}
