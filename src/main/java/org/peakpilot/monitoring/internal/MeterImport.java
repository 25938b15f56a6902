package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.monitoring.Meter;

/** The result of an all-or-nothing meter import: the meters registered, in the order of the sheet's rows. */
@Schema(description = "The result of a meter import · 表计导入结果")
public record MeterImport(
		@Schema(description = "Rows read from the sheet · 读取的行数") int rows,
		@Schema(description = "The meters registered, in the order of the rows · 已登记的表计（按行序）") List<Meter> registered) {
}
