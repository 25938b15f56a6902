package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;

/** A meter exchange: the old register's final value and the new one's initial value. */
@Schema(description = "A meter exchange (换表) · 换表记录")
public record Replacement(
		@Schema(description = "The exchange's id · 换表记录 ID") long id,
		@Schema(description = "The meter's id · 表计 ID") long meterId,
		@Schema(description = "When the register was exchanged · 换表时间") Instant replacedAt,
		@Schema(description = "The old register's final reading, in the meter's unit before the multiplier · 旧表止码（表计单位，未乘倍率）") BigDecimal oldFinal,
		@Schema(description = "The new register's initial reading, in the meter's unit before the multiplier · 新表起码（表计单位，未乘倍率）") BigDecimal newInitial,
		@Schema(description = "Why the meter was exchanged · 换表原因") String reason,
		@Schema(description = "Who registered it · 登记人") String createdBy,
		@Schema(description = "When it was registered · 登记时间") Instant createdAt) {
}
