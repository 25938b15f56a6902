package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "A meter's readings received per day against those expected · 表计逐日数据完整率")
public record MeterCompleteness(
		@Schema(description = "The meter's id · 表计 ID") long meterId,
		@Schema(description = "The meter's code · 表计编号") String code,
		@Schema(description = "The meter's name · 表计名称") String name,
		@Schema(description = "Minutes between readings · 采集间隔（分钟）") int intervalMinutes,
		@Schema(description = "One entry per Beijing day · 逐日完整率") List<DayCompleteness> days) {
}
